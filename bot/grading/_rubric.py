"""Scores free text against a question's key points: claims said together and affirmed, not words.

Scoring, in order:
1. A key point is covered when all its match groups are found in one claim window, affirmed, and at
   least one matched phrase is not an echo of the prompt (see `claim_windows`).
2. A misconception said in the answer zeroes the key points it contradicts and costs
   MISCONCEPTION_PENALTY of the whole score each; its correction is quoted back in `Grade.mistakes`.
3. Keyword salad (rubric terms listed without claims connecting them) is capped at SALAD_CAP.
4. When the question is about the candidate's own work and the answer, told as prose, credits the
   work to "we", "they", "the team" or nobody (passive voice) while never saying what "I" did, the
   score is capped at OWNERSHIP_CAP (notes, "- re-split by serial", are not capped).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from bot.grading._match import Answer, Echo, answer_for, claim_windows, echo_of, wrong_claim_said
from bot.grading._ownership import is_notes, others_actions, own_actions
from bot.grading._result import Grade
from bot.grading._salad import SALAD_CAP, is_salad, rubric_vocabulary
from bot.grading._text import tokenize
from bot.grading._words import STOPWORDS
from questions import KeyPoint, Misconception

COVERAGE_CURVE = 0.5
"""Credit grows with the square root of the key points' share: the first points an answer makes right are
worth more than the last, so a correct answer that covers part of the rubric reads as partial, not as
'not yet', while the order of any two answers stays as their coverage says."""
MISCONCEPTION_PENALTY = 0.2
"""Each distinct wrong claim costs a fifth of full marks on top of the points it zeroes."""
OWNERSHIP_CAP = 0.2
"""The most an answer about 'your project' can score when it never says what the candidate did."""

SALAD_NOTE = (
    "This reads as a list of terms: say how they connect (what causes what, what equals what) "
    "in sentences to earn credit."
)
OWNERSHIP_NOTE = (
    'Say what *you* did, in the first person ("I built…", "I chose…"), not only what the team did.'
)


def point_covered(point: KeyPoint, answer: Answer, echo: Echo | None = None) -> bool:
    """Its match groups said together and affirmed, or the key point itself restated in one sentence."""
    return bool(claim_windows(point.match, answer, echo, across=True)) or restated(point.point, answer, echo)


HALF_CREDIT = 0.5
"""A key point with several groups, only some of them said, earns half its weight: a claim made in part."""
RESTATED_SHARE = 0.5
"""Half of a key point's own content words in one affirmed sentence count as saying it."""


@lru_cache(maxsize=4096)
def _point_words(point: str) -> frozenset[str]:
    """The content words of a key point's text (stems), the vocabulary a paraphrase of it shares."""
    return frozenset(w for w in tokenize(point).words if w.isalpha() and len(w) > 2 and w not in STOPWORDS)


@lru_cache(maxsize=4096)
def _point_parts(point: str) -> tuple[frozenset[str], ...]:
    """The key point's text cut at commas, "and", dashes and brackets: the claims it lists."""
    pieces = re.split(r"[,;:()\u2014\u2013]|\s-\s|\band\b", point)
    return tuple(words for piece in pieces if len(words := _point_words(piece)) >= 2)


def _said_by_sentence(words: frozenset[str], answer: Answer) -> list[set[str]]:
    """Which of `words` each claim window of the answer says, affirmed."""
    tokens = answer.tokens
    said: dict[int, set[str]] = {}
    for i, word in enumerate(tokens.words):
        if word in words and not tokens.negated(i, i + 1):
            said.setdefault(tokens.window[i], set()).add(word)
    return list(said.values())


def part_restated(point: str, answer: Answer, echo: Echo | None) -> bool:
    """One of the claims a key point lists, said in one affirmed sentence: the point in part.

    As for match groups, words the prompt already uses count only beside one it does not.
    """
    echoed = echo.words if echo else frozenset()
    return any(
        len(found) >= max(2, RESTATED_SHARE * len(part)) and found - echoed
        for part in _point_parts(point)
        for found in _said_by_sentence(part, answer)
    )


def restated(point: str, answer: Answer, echo: Echo | None) -> bool:
    """One sentence that says most of the key point's own content words, affirmed and not from the prompt.

    This finds correct answers whose wording the match lists did not foresee: they tend to use the words
    the key point itself is written in ("mean and variance of each mini-batch").
    """
    wanted = _point_words(point) - (echo.words if echo else frozenset())
    if len(wanted) < 3:
        return False
    return any(len(found) >= RESTATED_SHARE * len(wanted) for found in _said_by_sentence(wanted, answer))


def grade_rubric(
    rubric: list[KeyPoint],
    text: str,
    *,
    prompt: str = "",
    misconceptions: Sequence[Misconception] = (),
    own_work: bool = False,
    decided: Mapping[int, bool] | None = None,
) -> Grade:
    """Weighted share of key points covered, less contradictions, capped for salad and lost ownership.

    `decided` settles key points by index (covered or not), as a model review with evidence does.
    """
    answer = answer_for(text)
    echo = echo_of(prompt) if prompt else None
    said = [m for m in misconceptions if wrong_claim_said(m.match, answer)]
    contradicted = {index for m in said for index in m.contradicts}
    decided = decided or {}
    flags = [
        decided[index] if index in decided else index not in contradicted and point_covered(p, answer, echo)
        for index, p in enumerate(rubric)
    ]
    covered = [p for p, hit in zip(rubric, flags, strict=True) if hit]
    missing = [p for p, hit in zip(rubric, flags, strict=True) if not hit]
    total = sum(p.weight for p in rubric)
    half = (
        []
        if said
        else [  # a wrong claim forfeits the half credit of claims made only in part
            p
            for i, p in enumerate(rubric)
            if not flags[i]
            and i not in decided
            and (
                (len(p.match) > 1 and any(claim_windows([group], answer, echo) for group in p.match))
                or part_restated(p.point, answer, echo)
            )
        ]
    )
    earned = sum(p.weight for p in covered) + HALF_CREDIT * sum(p.weight for p in half)
    score = (earned / total) ** COVERAGE_CURVE if total else 0.0
    score = max(0.0, score - MISCONCEPTION_PENALTY * len(said))
    notes = [_feedback(len(covered), len(rubric))]
    vocabulary = rubric_vocabulary(tuple(phrase for p in rubric for group in p.match for phrase in group))
    salad = is_salad(answer.tokens, vocabulary)
    if salad and score > SALAD_CAP:
        score = SALAD_CAP
        notes.append(SALAD_NOTE)
    if own_work and score > OWNERSHIP_CAP and not _owned(text):
        score = OWNERSHIP_CAP
        notes.append(OWNERSHIP_NOTE)
    return Grade(
        score=round(score, 3),
        covered=tuple(p.point for p in covered),
        missing=tuple(p.point for p in missing),
        feedback=" ".join(notes),
        mistakes=tuple(f"You said {m.claim}; {m.correction}" for m in said),
        details={"salad": salad} if salad else {},
    )


def _owned(text: str) -> bool:
    """Says what "I" did, or is impersonal notes; not a story told only about others."""
    return own_actions(text) > 0 or is_notes(text) or others_actions(text) == 0


def _feedback(covered: int, total: int) -> str:
    if covered == total:
        return f"You covered all {total} key points."
    if covered == 0:
        return f"None of the {total} key points came through yet; the hints can help you start."
    return f"You covered {covered} of {total} key points; the missing ones are listed below."
