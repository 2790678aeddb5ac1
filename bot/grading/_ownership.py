"""Finds the candidate's own actions: first-person clauses with a real action verb."""

from __future__ import annotations

import re

from bot.grading._text import clean
from bot.grading._words import words

_FIRST_PERSON = re.compile(
    r"\bi(?:'ve|'d| have| had| then| also| first| personally| myself| just| quickly| finally| later|"
    r" eventually| immediately| actually| initially| instead| again| \w+ly)*\s+([a-z]+)",
    re.IGNORECASE,
)
_NOT_ACTIONS = words(
    """
    think thought learned learnt owned own was am were felt feel believe believed knew know realised
    realized realise realize wanted want hoped hope guess guessed had have has liked like loved love
    enjoyed enjoy understood understand remembered remember wished wish seemed assumed assume
    noticed would will can could should might must may does get got been being mean meant am m d ve
    agree agreed guess suppose supposed expected expect wonder wondered care cared worried worry
    """
)
_ACTIONS = words(
    """
    built wrote designed implemented created set started decided led ran trained read proposed
    organised organized reached talked met analysed analyzed prototyped tested introduced used
    applied added collected labelled labeled automated refactored measured split broke scheduled
    paired asked spent focused chose switched made took found gave sent taught brought kept began
    drove sat went fixed shipped launched rolled pushed pulled moved cut dropped replaced rewrote
    reran negotiated presented convinced argued escalated documented mentored coached reviewed
    debugged traced profiled benchmarked deployed monitored tuned retrained simplified removed
    merged interviewed surveyed compared plotted checked verified validated investigated dug flagged
    raised volunteered told showed explained did wrote drafted sketched mapped
    """
)
"""Irregular or common past-tense action verbs; any other '-ed' verb not in _NOT_ACTIONS counts too."""


_OTHERS_ACT = re.compile(
    r"\b(?:we|they|the team|our team|my team|the company|he|she|everyone)\s+(?:\w+ly\s+)?([a-z]+)"
    r"|\b(?:was|were|got|been)\s+(?:\w+ly\s+)?([a-z]+ed|built|run|made|chosen|taken|done|written|shown|set)\b",
    re.IGNORECASE,
)
"""'The team trained…', 'we ran…', and passives ('the model was retrained')."""
_ELIDED_SUBJECT = re.compile(
    r"(?m)^\s*(?:[-*•]|\d+[.)])\s+(?:[\w ]{1,20}:\s*)?(?:then\s+|first\s+)?([a-z]+)\b", re.IGNORECASE
)
"""A bullet that opens with its verb ('- profiled the GPUs first'): the narrator is the subject."""


_NOTE_LINE = re.compile(r"^\s*(?:[-*•]|\d+[.)]|[\w /-]{1,25}:)")


def is_notes(text: str) -> bool:
    """Whether the answer is written as notes (most lines are bullets or 'label:' lines), not prose."""
    lines = [line for line in clean(text).splitlines() if line.strip()]
    return len(lines) >= 3 and sum(1 for line in lines if _NOTE_LINE.match(line)) * 2 >= len(lines)


def others_actions(text: str) -> int:
    """How many clauses credit the work to someone else or to nobody (passive voice)."""
    count = 0
    for match in _OTHERS_ACT.finditer(clean(text)):
        verb = (match.group(1) or match.group(2) or "").lower()
        if verb not in _NOT_ACTIONS and (verb in _ACTIONS or verb.endswith("ed")):
            count += 1
    return count


def own_actions(text: str) -> int:
    """How many first-person clauses state an action ('I built', not 'I think', 'I was', 'we built')."""
    text = clean(text)
    verbs = [m.group(1).lower() for m in _FIRST_PERSON.finditer(text)]
    verbs += [m.group(1).lower() for m in _ELIDED_SUBJECT.finditer(text)]
    return sum(1 for verb in verbs if _is_action(verb))


def _is_action(verb: str) -> bool:
    return verb not in _NOT_ACTIONS and (verb in _ACTIONS or (verb.endswith("ed") and len(verb) > 4))
