"""Scores free text against a question's key points, tolerant of paraphrase, typos and negation."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from rapidfuzz.distance import OSA

from bot.grading._result import Grade
from bot.grading._text import Tokens, tokenize
from questions import KeyPoint


def _allowed_typos(word: str) -> int:
    if not word.isalpha() or len(word) < 6:
        return 0
    return 1 if len(word) < 10 else 2


@lru_cache(maxsize=65536)
def _same_word(expected: str, written: str) -> bool:
    """Equal, or a likely typo: same first letter and within the edit budget.

    A swap of neighbouring letters counts as one edit. Requiring the first letter keeps opposites
    apart ("incorrect" and "correct", "unbiased" and "biased") and unrelated neighbours ("power"
    and "lower").
    """
    if expected == written:
        return True
    budget = _allowed_typos(expected)
    return (
        budget > 0
        and expected[0] == written[:1]
        and OSA.distance(expected, written, score_cutoff=budget) <= budget
    )


def _phrase_positions(phrase: tuple[str, ...], answer: Tokens) -> list[int]:
    words = answer.words
    last_start = len(words) - len(phrase)
    return [
        start
        for start in range(last_start + 1)
        if all(_same_word(p, words[start + k]) for k, p in enumerate(phrase))
    ]


def _phrase_found(phrase: str, answer: Tokens) -> bool:
    """A plain phrase counts unless negated; a '!' phrase counts only where negated."""
    must_be_negated = phrase.startswith("!")
    words = tokenize(phrase.lstrip("!")).words
    if not words:
        return False
    for start in _phrase_positions(words, answer):
        if must_be_negated and answer.negated_loose[start]:
            return True
        if not must_be_negated and not answer.negated[start]:
            return True
    return False


def point_covered(point: KeyPoint, answer: Tokens) -> bool:
    return all(any(_phrase_found(phrase, answer) for phrase in group) for group in point.match)


def grade_rubric(rubric: list[KeyPoint], text: str, decided: Mapping[int, bool] | None = None) -> Grade:
    """Weighted share of key points covered, listing covered and missing points.

    `decided` settles some points by their index (a model review with evidence); the rest are matched.
    """
    answer = tokenize(text)
    decided = decided or {}
    flags = [decided[i] if i in decided else point_covered(p, answer) for i, p in enumerate(rubric)]
    covered = [p for p, hit in zip(rubric, flags, strict=True) if hit]
    missing = [p for p, hit in zip(rubric, flags, strict=True) if not hit]
    total = sum(p.weight for p in rubric)
    score = sum(p.weight for p in covered) / total if total else 0.0
    return Grade(
        score=round(score, 3),
        covered=tuple(p.point for p in covered),
        missing=tuple(p.point for p in missing),
        feedback=_feedback(len(covered), len(rubric)),
    )


def _feedback(covered: int, total: int) -> str:
    if covered == total:
        return f"You covered all {total} key points."
    if covered == 0:
        return f"None of the {total} key points came through yet; the hints can help you start."
    return f"You covered {covered} of {total} key points; the missing ones are listed below."
