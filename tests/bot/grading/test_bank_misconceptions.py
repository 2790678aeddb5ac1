"""Bank-wide checks: misconceptions match their own words and not the answer; a prompt earns nothing."""

from __future__ import annotations

from bot.grading import grade
from bot.grading._match import answer_for, wrong_claim_said
from questions import Misconception, Question, QuestionBank


def misconception_problems(question: Question) -> list[str]:
    """Authoring mistakes, each naming the question and the claim."""
    problems = []
    for wrong in question.misconceptions:
        if not wrong_claim_said(wrong.match, answer_for(wrong.claim)):
            problems.append(f"{question.id}: the match groups miss the claim's own words {wrong.claim!r}")
        if wrong_claim_said(wrong.match, answer_for(question.answer)):
            problems.append(f"{question.id}: the reference answer says the wrong claim {wrong.claim!r}")
    return problems


def test_every_misconception_in_the_bank_is_well_formed(bank: QuestionBank):
    problems = [
        problem for question in bank.questions.values() for problem in misconception_problems(question)
    ]
    assert not problems, "\n".join(problems)


def _question(answer: str, wrong: Misconception) -> Question:
    return Question.model_validate(
        {
            "id": "test-sparsity",
            "category": "math-stats",
            "kind": "concept",
            "difficulty": "easy",
            "tags": ["regularization"],
            "title": "Sparsity",
            "prompt": "Which penalty gives sparse weights, and why?",
            "hints": ["Think of the gradient near zero."],
            "answer": answer,
            "rubric": [{"point": "L1 gives sparse weights", "match": [["l1"], ["sparse"]]}],
            "misconceptions": [wrong.model_dump()],
            "followups": ["Why does L2 not?"],
        }
    )


GOOD = Misconception(
    claim="L2 gives sparse weights",
    match=[["l2", "ridge"], ["sparse", "exactly zero"]],
    correction="L1 does; L2 only shrinks weights.",
    contradicts=[0],
)
ANSWER = "L1 gives sparse weights; unlike L1, L2 never sets a weight exactly to zero, it only shrinks it."


def test_a_well_formed_misconception_passes():
    assert misconception_problems(_question(ANSWER, GOOD)) == []


def test_groups_that_miss_the_claim_are_reported():
    wrong = GOOD.model_copy(update={"match": [["l2"], ["dense"]]})
    assert misconception_problems(_question(ANSWER, wrong)) == [
        "test-sparsity: the match groups miss the claim's own words 'L2 gives sparse weights'"
    ]


def test_a_misconception_the_answer_says_is_reported():
    answer = "L2 gives sparse weights, which is why everyone uses it for feature selection."
    assert misconception_problems(_question(answer, GOOD)) == [
        "test-sparsity: the reference answer says the wrong claim 'L2 gives sparse weights'"
    ]


def test_restating_the_prompt_earns_next_to_nothing(bank: QuestionBank):
    free_text = [q for q in bank.questions.values() if q.rubric and q.kind.value in ("concept", "behavioral")]
    generous = [f"{q.id}: {grade(q, q.prompt).score}" for q in free_text if grade(q, q.prompt).score > 0.25]
    assert not generous, "the prompt alone earns credit:\n" + "\n".join(generous)
