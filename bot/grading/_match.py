"""Finds claims in an answer: every match group of a key point said together, in one window, affirmed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from bot.grading._text import NEGATION, OPERATORS, Tokens, tokenize
from bot.grading._words import FILLER, STOPWORDS, words


@dataclass(frozen=True)
class Phrase:
    """One alternative of a match group, tokenised like an answer."""

    words: tuple[str, ...]
    surface: tuple[str, ...]
    must_be_negated: bool


@lru_cache(maxsize=65536)
def phrase(text: str) -> Phrase | None:
    """A match-list entry as tokens; a leading '!' means it counts only where negated."""
    tokens = tokenize(text.lstrip("!"))
    if all(word == NEGATION for word in tokens.words):
        return None  # "none" or "nothing" alone reads as a bare negator, which any "not" would match
    return Phrase(tokens.words, tokens.surface, text.startswith("!"))


_ENDINGS = words("e s es ed d ing ion ions ation ations ate ates ated ating ly")


def _truncated(expected: str, written: str) -> bool:
    """A phrase word written as a stem ('underestimat', 'unbias') matches its inflected forms."""
    return len(expected) >= 6 and written.startswith(expected) and written[len(expected) :] in _ENDINGS


@lru_cache(maxsize=65536)
def _typo(expected: str, written: str) -> bool:
    """A likely typo of a written word (surface forms, never stems).

    Both alphabetic, 6+ letters, the same first letter, lengths within one, neither a prefix of the
    other (a longer word is another word: "variational" is not "variations"), and within one edit
    (two from 12 letters). A swap of neighbouring letters is one edit.
    """
    if len(expected) < 6 or not expected.isalpha() or not written.isalpha():
        return False
    if expected[0] != written[:1] or abs(len(expected) - len(written)) > 1:
        return False
    if expected.startswith(written) or written.startswith(expected):
        return False
    budget = 1 if len(expected) < 12 else 2
    return OSA.distance(expected, written, score_cutoff=budget) <= budget


def _different_word(expected: str, written: str) -> bool:
    """Same stem, other word: 'grouped' (grouped CV) is not 'group', 'variational' not 'variations'."""
    if expected.endswith("ed") and not written.endswith(("ed", "ing", "s", "e")):
        return True
    return _adjective_al(expected) != _adjective_al(written)


def _adjective_al(word: str) -> bool:
    base = word.removesuffix("ly") if word.endswith("ally") else word.removesuffix("s")
    return base.endswith("al")


class Answer:
    """An answer's tokens with lookups for fast phrase search."""

    def __init__(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.by_word: dict[str, list[int]] = {}
        self.by_surface: dict[str, list[int]] = {}
        for position, (word, written) in enumerate(zip(tokens.words, tokens.surface, strict=True)):
            self.by_word.setdefault(word, []).append(position)
            self.by_surface.setdefault(written, []).append(position)
        self.windows: dict[int, list[int]] = {}
        for position, window in enumerate(tokens.window):
            self.windows.setdefault(window, []).append(position)
        self.by_initial: dict[str, list[str]] = {}
        for written in self.by_surface:
            if len(written) >= 5:
                self.by_initial.setdefault(written[0], []).append(written)

    def _same(self, word: str, written: str, position: int) -> bool:
        other = self.tokens.surface[position]
        if self.tokens.words[position] == word:
            return not _different_word(written, other)
        return _typo(written, other) or _truncated(written, other)

    def starts(self, first: str, written: str) -> list[int]:
        found = [
            p for p in self.by_word.get(first, ()) if not _different_word(written, self.tokens.surface[p])
        ]
        if len(written) >= 6:
            for other in self.by_initial.get(written[0], ()):
                if _typo(written, other) or _truncated(written, other):
                    found.extend(p for p in self.by_surface[other] if self.tokens.words[p] != first)
        return found

    def hits(self, target: Phrase) -> list[tuple[int, int]]:
        """(start, end) of every occurrence of the phrase inside one window.

        A phrase written without operators reads through the answer's operators, so "sw lambda w"
        finds "Sw = λw" and "n one" finds "n - 1"; a phrase with operators must match them exactly,
        so "w - η∇L" never finds "w + η∇L".
        """
        skippable = OPERATORS if not any(w in OPERATORS for w in target.words) else frozenset()
        found = []
        for start in self.starts(target.words[0], target.surface[0]):
            end = self._match_from(target, start, skippable)
            if end is not None and self.tokens.window[end - 1] == self.tokens.window[start]:
                found.append((start, end))
        return found

    def _match_from(self, target: Phrase, start: int, skippable: frozenset[str]) -> int | None:
        position = start + 1
        for k in range(1, len(target.words)):
            while position < len(self.tokens.words) and self.tokens.words[position] in skippable:
                position += 1
            if position >= len(self.tokens.words) or not self._same(
                target.words[k], target.surface[k], position
            ):
                return None
            position += 1
        return position


@lru_cache(maxsize=4096)
def answer_for(text: str) -> Answer:
    return Answer(tokenize(text))


@dataclass(frozen=True)
class _Hit:
    window: int
    negated: bool
    must_be_negated: bool
    echo: bool


def _said(answer: Answer, start: int, end: int) -> tuple[str, ...]:
    """The answer's own words at a hit, without negation markers (an echo's phrases have none)."""
    return tuple(w for w in answer.tokens.words[start:end] if w != NEGATION)


def _group_hits(
    group: Sequence[str], answer: Answer, echo: frozenset[tuple[str, ...]], units: tuple[int, ...]
) -> list[_Hit]:
    hits = []
    for text in group:
        target = phrase(text)
        if target is None:
            continue
        for start, end in answer.hits(target):
            hits.append(
                _Hit(
                    units[start],
                    answer.tokens.negated(start, end),
                    target.must_be_negated,
                    target.words in echo or _said(answer, start, end) in echo,
                )
            )
    return hits


def claim_windows(
    groups: Sequence[Sequence[str]], answer: Answer, echo: Echo | None = None, *, across: bool = False
) -> set[tuple[int, ...]]:
    """Windows (or, with `across`, pairs of sentence-adjacent windows) where a key point is said.

    Every group must be found, affirmed: a '!' phrase counts only where negated, and once one is,
    the other groups may sit in the same negated clause ("dropout is not used at inference"). When
    every matched phrase is an echo of the prompt, the span must add at least NOVEL_WORDS words of
    its own that the prompt does not contain.
    """
    units = answer.tokens.window
    per_group = [_group_hits(group, answer, echo.phrases if echo else frozenset(), units) for group in groups]
    return _spans(per_group, answer, echo, across)


def wrong_claim_said(groups: Sequence[Sequence[str]], answer: Answer) -> bool:
    """Whether a misconception is said: all its groups affirmed inside one sub-clause."""
    per_group = [_group_hits(group, answer, frozenset(), answer.tokens.clause) for group in groups]
    return bool(_spans(per_group, answer, None, across=False))


def _spans(
    per_group: list[list[_Hit]], answer: Answer, echo: Echo | None, across: bool
) -> set[tuple[int, ...]]:
    negative = {h.window for hits in per_group for h in hits if h.must_be_negated and h.negated}
    valid = [
        [h for h in hits if (h.negated if h.must_be_negated else not h.negated or h.window in negative)]
        for hits in per_group
    ]
    if not valid or not all(valid):
        return set()
    windows = [{h.window for h in hits} for hits in valid]
    spans: list[tuple[int, ...]] = [(w,) for w in set.intersection(*windows)]
    if across:
        spans += [pair for pair in answer.tokens.links if all(ws.intersection(pair) for ws in windows)]
    return {span for span in spans if _adds_something(span, valid, answer, echo)}


def _adds_something(
    span: tuple[int, ...], valid: list[list[_Hit]], answer: Answer, echo: Echo | None
) -> bool:
    if echo is None or any(h.window in span and not h.echo for hits in valid for h in hits):
        return True
    novel = {
        answer.tokens.words[i]
        for window in span
        for i in answer.windows.get(window, ())
        if answer.tokens.words[i] not in echo.words and answer.tokens.words[i] not in STOPWORDS
    }
    return len(novel) >= NOVEL_WORDS


NOVEL_WORDS = 2
"""Words not in the prompt that a span of echoed phrases must add to count as a claim."""


@dataclass(frozen=True)
class Echo:
    """What the prompt already says: its phrases (runs of tokens) and its words."""

    phrases: frozenset[tuple[str, ...]]
    words: frozenset[str]


@lru_cache(maxsize=512)
def echo_of(prompt: str, longest: int = 6) -> Echo:
    """Every run of up to `longest` prompt tokens: a phrase among them only restates the question."""
    words = [w for w in tokenize(prompt).words if w != NEGATION]
    runs = frozenset(
        tuple(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)
    )
    return Echo(runs, frozenset(words) | FILLER)
