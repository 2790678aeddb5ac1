"""Looks for STAR structure, a measured result and a lesson in a behavioral answer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.grading._result import Grade
from bot.grading._rubric import grade_rubric
from bot.grading._text import clean
from questions import KeyPoint


@dataclass(frozen=True)
class _Element:
    name: str
    weight: float
    pattern: re.Pattern[str]
    advice: str


def _cues(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")", re.IGNORECASE)


_ELEMENTS = (
    _Element(
        "Situation",
        1.0,
        _cues(
            r"situation",
            r"at my (?:last|previous|current)",
            r"at (?:a|an|my) \w+",
            r"when i was",
            r"in my (?:last|previous|current)",
            r"(?:our|the) (?:team|company|project|client)",
            r"context",
            r"last (?:year|quarter|month)",
            r"we were",
            r"there was",
        ),
        "Set the scene: where you were and what was going on (Situation).",
    ),
    _Element(
        "Task",
        1.0,
        _cues(
            r"task",
            r"my (?:goal|job|role|responsibilit)",
            r"i was (?:responsible|asked|tasked|supposed)",
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
    _Element(
        "Action",
        1.5,
        _cues(
            r"action",
            r"i (?:built|wrote|designed|implemented|created|set up|started|decided|led|ran|"
            r"trained|read|learned|learnt|proposed|organi[sz]ed|reached out|talked|met|analy[sz]ed|"
            r"prototyped|tested|introduced|used|applied|added|collected|labell?ed|automated|"
            r"refactored|measured|split|broke|scheduled|paired|asked|spent|focused|chose|switched|"
            r"made|took|found|got|gave|sent|taught|brought|kept|began|drove|sat|wrote|went|"
            r"[a-z]{3,}ed\b)",
        ),
        "Describe the steps *you* took, in the first person (Action).",
    ),
    _Element(
        "Result",
        1.5,
        _cues(
            r"result",
            r"outcome",
            r"in the end",
            r"eventually",
            r"as a result",
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
        "Quantified result",
        1.0,
        re.compile(
            r"\d+(?:\.\d+)?\s*(?:%|percent|x\b|×|ms\b|s\b|sec|min|hour|day|week|month|k\b|m\b|users|"
            r"customers|points|pp\b|\$)|\$\s*\d|\b(?:doubled|halved|tripled)\b|"
            r"from \d+(?:\.\d+)? to \d+(?:\.\d+)?",
            re.IGNORECASE,
        ),
        "Quantify the result (a metric, time saved, %, before and after).",
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

_STAR_SHARE = 0.6


def grade_behavioral(rubric: list[KeyPoint], text: str, decided: Mapping[int, bool] | None = None) -> Grade:
    """STAR elements (weighted) blended with the question's own key points when it has them."""
    answer = clean(text)
    found = [e for e in _ELEMENTS if e.pattern.search(answer)]
    absent = [e for e in _ELEMENTS if e not in found]
    star = sum(e.weight for e in found) / sum(e.weight for e in _ELEMENTS)
    if len(answer.split()) < 40:
        star *= 0.5
    covered = [e.name for e in found]
    missing = [e.advice for e in absent]
    score = star
    if rubric:
        specific = grade_rubric(rubric, text, decided)
        score = _STAR_SHARE * star + (1 - _STAR_SHARE) * specific.score
        covered += specific.covered
        missing += specific.missing
    feedback = _feedback(found, answer)
    return Grade(round(score, 3), tuple(covered), tuple(missing), feedback, details={"star": round(star, 3)})


def _feedback(found: list[_Element], answer: str) -> str:
    if len(answer.split()) < 40:
        return "That is short for a behavioral answer: aim for 150-300 words told as a story."
    if len(found) == len(_ELEMENTS):
        return "A complete STAR story with a measured result and a lesson."
    return f"Your story has {len(found)} of {len(_ELEMENTS)} STAR elements; see what to add below."
