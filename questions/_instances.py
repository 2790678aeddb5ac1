"""A question as posted: generated questions get their numbers from the post's seed."""

from __future__ import annotations

from dataclasses import dataclass

from questions._schema import Question
from questions.generators import generate


@dataclass(frozen=True)
class Instance:
    """The prompt, reference answer and expected number that one post shows and grades against."""

    question: Question
    seed: int
    prompt: str
    answer: str
    expected: float | None


def instantiate(question: Question, seed: int) -> Instance:
    """Fill a generated question's templates from its seed; other questions are returned as written."""
    expected = question.numeric.value if question.numeric else None
    if question.generator is None:
        return Instance(question, seed, question.prompt, question.answer, expected)
    drawn = generate(question.generator, seed)
    values = {**drawn.values, "answer": drawn.answer}
    return Instance(
        question, seed, question.prompt.format(**values), question.answer.format(**values), drawn.answer
    )
