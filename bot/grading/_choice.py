"""Reads which option someone picked: by letter, by number, or by the option's text."""

from __future__ import annotations

import re
import string

from rapidfuzz import fuzz

from bot.grading._result import Grade, Ungradable
from bot.grading._text import clean

_LETTER_ONLY = re.compile(r"^\(?([a-z])[).:]?$|^(?:option|answer|choice)\s*\(?([a-z])\)?$")
_NUMBER_ONLY = re.compile(r"^(?:option|answer|choice)?\s*#?(\d{1,3})[).:]?$")
_LETTER_AFTER_OPTION = re.compile(r"\b(?:option|choice)\s*\(?([a-z])\b")
_LETTER_IN_SENTENCE = re.compile(
    r"(?:answer is|pick|go with|it'?s)\s*\(?([a-z])\b\)?(?![ \t]+(?<=[ai][ \t])[a-z]{2})"
)
"""A letter named in a sentence; "a" or "i" followed by a word is an article or pronoun, not an option."""


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", clean(text).lower()).strip(" .!")


def pick_option(choices: list[str], text: str) -> int:
    """The 0-based option the text names; Ungradable when it names none or several."""
    answer = _normal(text)
    letters = string.ascii_lowercase[: len(choices)]
    for pattern in (_LETTER_ONLY, _LETTER_AFTER_OPTION, _LETTER_IN_SENTENCE):
        match = pattern.search(answer)
        letter = match and next((g for g in match.groups() if g), None)
        if letter and letter in letters:
            return letters.index(letter)
    number = _NUMBER_ONLY.match(answer)
    if number and 1 <= int(number.group(1)) <= len(choices):
        return int(number.group(1)) - 1
    by_text = [i for i, choice in enumerate(choices) if _normal(choice) in answer]
    if len(by_text) == 1:
        return by_text[0]
    scores = [fuzz.ratio(_normal(choice), answer) for choice in choices]
    best = max(range(len(choices)), key=scores.__getitem__)
    if scores[best] >= 85 and sorted(scores)[-2] < 70:
        return best
    raise Ungradable(f"Which option do you mean? Reply with a letter from A to {letters[-1].upper()}.")


def grade_choice(choices: list[str], correct: int, text: str) -> Grade:
    picked = pick_option(choices, text)
    letter = string.ascii_uppercase[picked]
    if picked == correct:
        return Grade(
            1.0, covered=(f"{letter}) {choices[picked]}",), feedback="Correct.", details={"picked": picked}
        )
    return Grade(
        0.0,
        missing=(f"{letter}) {choices[picked]} is not the answer",),
        feedback=f"You picked {letter}; that is not it.",
        details={"picked": picked},
    )
