"""The phone-screen success checklist: items detected in someone's answers, the rest ticked by hand."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    cues: re.Pattern[str] | None
    hits_needed: int = 1


def _cues(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.IGNORECASE)


ITEMS = (
    Item(
        "think",
        "Clearly verbalised your thought process",
        _cues(
            r"\bbecause\b",
            r"\btherefore\b",
            r"\bwhich means\b",
            r"\bthis means\b",
            r"\bso that\b",
            r"\bfirst(?:ly)?,",
            r"\bthen\b",
            r"\bthe reason\b",
            r"\bsince\b",
            r"\bthe idea is\b",
        ),
        hits_needed=2,
    ),
    Item(
        "clarify",
        "Asked clarifying questions before implementing",
        _cues(
            r"\?",
            r"\bassum(?:e|es|ing|ption)\b",
            r"\bclarif",
            r"\bi(?:'d| would) ask\b",
            r"\bto confirm\b",
            r"\bdepends on whether\b",
        ),
    ),
    Item(
        "complexity",
        "Analysed time/space complexity",
        _cues(
            r"\bO\([^)]{1,30}\)",
            r"\b(?:time|space|memory|runtime) complexity\b",
            r"\b(?:linear|quadratic|cubic|logarithmic|constant)[ -](?:time|space|memory)\b",
            r"\bcomplexity\b",
        ),
    ),
    Item(
        "examples",
        "Tested with example cases",
        _cues(
            r"\bassert\b",
            r"\bfor example\b",
            r"\bfor instance\b",
            r"\be\.g\.",
            r"\bedge cases?\b",
            r"\btest(?:ed|ing|s)?\b",
            r"\bsanity[ -]check",
            r"\bworked example\b",
        ),
    ),
    Item(
        "optimise",
        "Proposed optimisations or alternative approaches",
        _cues(
            r"\boptimi[sz]",
            r"\bfaster\b",
            r"\bspeed(?:s)? up\b",
            r"\bmore efficient\b",
            r"\bvectori[sz]",
            r"\balternative(?:ly|s)?\b",
            r"\binstead\b",
            r"\btrade-?offs?\b",
            r"\bcould also\b",
            r"\bcach(?:e|ed|ing)\b",
        ),
    ),
    Item("domain", "Connected answers to the company's domain", None),
    Item(
        "principles",
        "Related experiences to Leadership Principles",
        _cues(
            r"\bleadership principles?\b",
            r"\bcustomer obsession\b",
            r"\bownership\b",
            r"\binvent and simplify\b",
            r"\bare right,? a lot\b",
            r"\blearn and be curious\b",
            r"\bhire and develop\b",
            r"\bhighest standards\b",
            r"\bthink big\b",
            r"\bbias for action\b",
            r"\bfrugality\b",
            r"\bearn(?:ed)? trust\b",
            r"\bdive deep\b",
            r"\bhave backbone\b",
            r"\bdisagree and commit\b",
            r"\bdeliver(?:ed)? results\b",
        ),
    ),
    Item("curiosity", "Showed curiosity about the team's ML projects", None),
)
KEYS = tuple(item.key for item in ITEMS)


def detect(answers: Iterable[str]) -> set[str]:
    """The checklist items someone's answers show, each found within a single answer."""
    found = set()
    for text in answers:
        for item in ITEMS:
            if item.cues is not None and len(item.cues.findall(text)) >= item.hits_needed:
                found.add(item.key)
    return found


def states(detected: set[str], ticked: set[str]) -> dict[str, str]:
    """Each item as `detected`, `ticked` (by hand) or `open`."""
    return {
        item.key: "detected" if item.key in detected else "ticked" if item.key in ticked else "open"
        for item in ITEMS
    }
