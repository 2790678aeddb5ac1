"""Grades a behavioral answer: this question's key points first, STAR structure in proportion to them.

The score is RUBRIC_SHARE of the question's key points plus (1 - RUBRIC_SHARE) of STAR structure,
and structure counts only as far as the answer addresses the key points: it is scaled by
min(1, key-point score / RELEVANT_AT). So a polished STAR story about a different question scores
low. Labels ("Situation:", "Result:") are removed before looking for structure; the Action must be
the candidate's own (first-person clauses with an action verb); a quantified result must be a
measured change. A story in which nobody says "I" did anything is capped at OWNERSHIP_CAP.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.grading._ownership import own_actions
from bot.grading._result import Grade
from bot.grading._rubric import OWNERSHIP_CAP, OWNERSHIP_NOTE, SALAD_NOTE, grade_rubric
from bot.grading._text import clean
from questions import KeyPoint

RUBRIC_SHARE = 0.4
RELEVANT_AT = 0.6
"""A key-point score at which the answer counts as fully about this question."""
_SHORT_WORDS = 40
_ACTIONS_FOR_FULL_CREDIT = 2


@dataclass(frozen=True)
class _Element:
    name: str
    weight: float
    pattern: re.Pattern[str] | None
    advice: str


def _cues(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")", re.IGNORECASE)


_LABELS = re.compile(
    r"(?im)(?:^|(?<=[.!?]))\s*(?:[-*#>\s]*)(?:\*\*|__)?\s*"
    r"(?:situation|task|actions?|results?|[star])"
    r"\s*(?:\*\*|__)?\s*[:\-–—]\s*"
)
"""STAR headings, at a line or sentence start, with their colon: formatting, not evidence."""

_QUANTIFIED_CHANGE = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+|~)?[$€£]?\d[\d.,]*\s*\S{0,12}\s+(?:to|→|->|down to|up to)\s+[$€£~]?\d"
    r"|\b(?:by|of)\s+(?:about\s+|around\s+|roughly\s+|~)?[$€£]?\d[\d.,]*\s*"
    r"(?:%|percent|pp\b|percentage points?|points?\b|x\b|×|times\b)"
    r"|(?<![\d.,])\d[\d.,]*\s*(?:%|percent|pp\b|x\b|×)\s*(?:fewer|less|more|faster|slower|higher|lower|reduction|"
    r"increase|decrease|improvement|drop|lift|gain|cut|better|cheaper|smaller|larger|uplift|fall|rise)"
    r"|\b(?:reduc|increas|decreas|improv|cut|dropp|fell|rose|rais|grew|lift|lower|saved|sav|halv|doubl|"
    r"tripl|shrank|shrunk|boost|went\s+(?:up|down)|speed\s+up|sped\s+up)\w*\b"
    r"(?:\W+\w+){0,5}?\W+(?:by\s+)?[$€£~]?\d[\d.,]*\s*(?:%|percent|pp\b|x\b|×|ms\b|s\b|seconds?|minutes?|"
    r"hours?|days?|weeks?|k\b|points?)"
    r"|(?<![\d.,])\d[\d.,]*\s*%?\s*(?:vs\.?|versus|compared to|compared with|against)\s*[$€£~]?\d"
    r"|(?<![\d.,])\d[\d.,]*\s*(?:%|[kKmM]\b|ms\b|s\b|h\b)?\S{0,8}\s*(?:→|->|=>)\s*[$€£~]?\d"
    r"|(?:^|[\s(])[−+\-]\s?\d[\d.,]*\s*(?:%|pp\b|points?\b)"
    r"|\b(?:doubled|halved|tripled|quadrupled)\b",
    re.IGNORECASE,
)
r"""A measured change: before and after, a change by an amount, or a metric moving by a number.

A digit run is only read from its start (`(?<![\d.,])`): trying every position of a 20,000-digit run
made the search quadratic (90 s for one answer)."""

_ELEMENTS = (
    _Element(
        "Situation",
        1.0,
        _cues(
            r"at my (?:last|previous|current|old|first)",
            r"at (?:a|an|my) \w+",
            r"when i was",
            r"in my (?:last|previous|current|first)",
            r"(?:our|the|my) (?:team|company|project|client|startup|group)",
            r"context",
            r"last (?:year|quarter|month)",
            r"we were",
            r"there was",
            r"back in",
            r"a few (?:years|months) ago",
        ),
        "Set the scene: where you were and what was going on (Situation).",
    ),
    _Element(
        "Task",
        1.0,
        _cues(
            r"my (?:goal|job|role|responsibilit|remit)",
            r"i was (?:responsible|asked|tasked|supposed|expected|the only)",
            r"i needed to",
            r"i had to",
            r"we needed to",
            r"we had to",
            r"the goal",
            r"objective",
            r"deadline",
            r"challenge was",
            r"needed to",
        ),
        "Say what you were responsible for and what success meant (Task).",
    ),
    _Element("Action", 1.5, None, "Describe the steps *you* took, in the first person (Action)."),
    _Element(
        "Result",
        1.5,
        _cues(
            r"outcome",
            r"in the end",
            r"eventually",
            r"as a result",
            r"the result was",
            r"ended up",
            r"deliver(?:ed)?",
            r"shipped",
            r"launched",
            r"improv",
            r"reduc",
            r"increas",
            r"cut",
            r"saved",
            r"achiev",
            r"went from",
        ),
        "Close with what happened because of it (Result).",
    ),
    _Element(
        "Quantified result", 1.0, _QUANTIFIED_CHANGE, "Quantify the result: a before and after, a % change."
    ),
    _Element(
        "Lesson or principle",
        1.0,
        _cues(
            r"learn(?:ed|t)",
            r"lesson",
            r"takeaway",
            r"next time",
            r"in hindsight",
            r"would do differently",
            r"principle",
            r"taught me",
            r"realis",
            r"realiz",
            r"now i",
            r"since then",
        ),
        "Finish with what you learned or the principle it shows.",
    ),
)


def _credit(element: _Element, story: str, actions: int) -> float:
    if element.pattern is None:
        return min(1.0, actions / _ACTIONS_FOR_FULL_CREDIT)
    if element.name == "Result" and _QUANTIFIED_CHANGE.search(story):
        return 1.0
    return 1.0 if element.pattern.search(story) else 0.0


def grade_behavioral(
    rubric: list[KeyPoint], text: str, *, prompt: str = "", decided: Mapping[int, bool] | None = None
) -> Grade:
    """Key points of this question, plus STAR structure weighted by how relevant the story is."""
    story = _LABELS.sub(" ", clean(text))
    actions = own_actions(story)
    credits = {e.name: _credit(e, story, actions) for e in _ELEMENTS}
    star = sum(e.weight * credits[e.name] for e in _ELEMENTS) / sum(e.weight for e in _ELEMENTS)
    short = len(story.split()) < _SHORT_WORDS
    if short:
        star *= 0.5
    covered = [e.name for e in _ELEMENTS if credits[e.name] == 1.0]
    missing = [e.advice for e in _ELEMENTS if credits[e.name] < 1.0]
    score, notes, mistakes = star, list[str](), tuple[str, ...]()
    if rubric:
        specific = grade_rubric(rubric, story, prompt=prompt, decided=decided)
        relevance = min(1.0, specific.score / RELEVANT_AT)
        score = RUBRIC_SHARE * specific.score + (1 - RUBRIC_SHARE) * star * relevance
        covered += specific.covered
        missing += specific.missing
        notes = [SALAD_NOTE] if specific.details.get("salad") else []
        mistakes = specific.mistakes
    if actions == 0 and score > OWNERSHIP_CAP:
        score = OWNERSHIP_CAP
        notes.append(OWNERSHIP_NOTE)
    feedback = " ".join([_feedback(covered, short), *notes])
    details: dict[str, object] = {"star": round(star, 3), "own_actions": actions}
    return Grade(round(score, 3), tuple(covered), tuple(missing), feedback, mistakes, details)


def _feedback(covered: list[str], short: bool) -> str:
    if short:
        return "That is short for a behavioral answer: aim for 150-300 words told as a story."
    found = sum(1 for e in _ELEMENTS if e.name in covered)
    if found == len(_ELEMENTS):
        return "A complete STAR story with a measured result and a lesson."
    return f"Your story has {found} of {len(_ELEMENTS)} STAR elements; see what to add below."
