"""What the model must answer, which of its verdicts stand, and the grade they lead to.

A verdict that credits or contradicts a key point stands only with evidence: a quote that is the
answer's own words (whitespace, case and quote marks aside) and that shares a content word with
that key point. So a model talked into "full marks" by the answer itself gains the answer nothing:
it cannot quote support that is not there, and quoting the request itself is not evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from pydantic import BaseModel, ConfigDict

from bot.grading import clean, grade, tokenize
from bot.judge._evidence import Evidence, Judged, Judgement
from questions import Instance, KeyPoint

MIN_QUOTE_WORDS = 2
_QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "−": "-"})
_ELLIPSIS = re.compile(r"\.\.\.+")
_QUOTE_EDGES = " \"'`.,;:!?()[]"
_FUNCTION_WORDS = frozenset(
    tokenize(
        "a an the and or but if then so of to in on at by for with from into onto over under about as is "
        "are was were be been being it its this that these those there here which who whom whose what "
        "when where why how i me my we our you your he she they them their his her do does did has have "
        "had can could will would shall should may might must also just very more most some any all"
    ).words
)


class PointVerdict(BaseModel):
    """The model's word on one key point, numbered as sent (from 1)."""

    model_config = ConfigDict(extra="forbid")

    point: int
    verdict: Judgement
    quote: str


class ModelReview(BaseModel):
    """The whole JSON reply the model must give; its schema is sent as the response format."""

    model_config = ConfigDict(extra="forbid")

    points: list[PointVerdict]


def _normal(text: str) -> str:
    return " ".join(clean(text).casefold().translate(_QUOTE_MARKS).split())


def quoted(quote: str, answer: str) -> bool:
    """Whether `quote` is the answer's own words in order; an ellipsis may skip some."""
    pieces = [piece.strip(_QUOTE_EDGES) for piece in _ELLIPSIS.split(_normal(quote))]
    pieces = [piece for piece in pieces if piece]
    if sum(len(piece.split()) for piece in pieces) < MIN_QUOTE_WORDS:
        return False
    text, start = _normal(answer), 0
    for piece in pieces:
        found = text.find(piece, start)
        if found < 0:
            return False
        start = found + len(piece)
    return True


def _content_words(text: str) -> set[str]:
    return {word for word in tokenize(text).words if word.isalnum() and word not in _FUNCTION_WORDS}


def bears_on(quote: str, point: KeyPoint) -> bool:
    """Whether the quote shares a content word (stemmed) with the key point or its match phrases."""
    phrases = [point.point, *(phrase.lstrip("!") for group in point.match for phrase in group)]
    return not _content_words(quote).isdisjoint(_content_words(" ".join(phrases)))


def standing(review: ModelReview, rubric: list[KeyPoint], answer: str) -> tuple[list[Evidence], int]:
    """The verdicts that stand and the number discarded (unknown or repeated point, bad evidence)."""
    counts = Counter(verdict.point for verdict in review.points)
    kept: list[Evidence] = []
    for verdict in review.points:
        index = verdict.point - 1
        if counts[verdict.point] > 1 or not 0 <= index < len(rubric):
            continue
        needs_quote = verdict.verdict is not Judgement.ABSENT
        if needs_quote and not (quoted(verdict.quote, answer) and bears_on(verdict.quote, rubric[index])):
            continue
        kept.append(Evidence(index, verdict.verdict, verdict.quote.strip() if needs_quote else ""))
    return kept, len(review.points) - len(kept)


def combine(instance: Instance, answer: str, review: ModelReview) -> Judged:
    """Regrade with the standing verdicts settling their key points; contradictions become mistakes.

    Covered with evidence counts as covered; contradicted or absent counts as not covered; a point
    with no standing verdict keeps the offline matcher's decision.
    """
    rubric = instance.question.rubric
    evidence, discarded = standing(review, rubric, answer)
    decided = {e.index: e.judgement is Judgement.COVERED for e in evidence}
    regraded = grade(instance.question, answer, instance.expected, decided)
    mistakes = tuple(
        f"You wrote “{e.quote}”, which contradicts: {rubric[e.index].point}"
        for e in evidence
        if e.judgement is Judgement.CONTRADICTED
    )
    combined = replace(regraded, mistakes=(*regraded.mistakes, *mistakes))
    return Judged(combined, tuple(evidence), discarded)
