"""Turns chat text into comparable tokens: notation, spelling, stems, claim windows and negation.

A *window* is the stretch of text one claim lives in: a sentence, split further at contrast words
("X, whereas Y") and with contrast asides ("unlike L2", "than L2") set apart as windows of their own.
Negation reaches the *sub-clause* around a negator (commas and conjunctions end it); "no X" and
"without X" reach only the noun phrase that follows. A denial ("that's a myth", "this is wrong")
negates its own window, or the window before it when it says nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

import snowballstemmer

from bot.grading._words import (
    ALWAYS_DENY,
    AUXILIARIES,
    CLAIM_NOUNS,
    CLAUSE_CONJUNCTIONS,
    COMPARATIVES,
    CONTRAST_ASIDES,
    CONTRAST_CONJUNCTIONS,
    COPULAS,
    DEICTICS,
    DENIAL_FILLER,
    DENIAL_WORDS,
    MEANING,
    NOMINAL_NEGATORS,
    NOT_NEGATING_AFTER,
    NOUN_PHRASE_ENDS,
    PREDICATE_CUES,
    REPORTERS,
    REPORTING_VERBS,
    SUBCLAUSE_WORDS,
    TRUTH_WORDS,
    VERB_STEMS,
    VERBAL_NEGATORS,
)
from bot.text import normalized

_STEMMER = snowballstemmer.stemmer("english")

NEGATION = "\x00not"
"""Stands in for any negator after tokenising, so stemming can't disguise one ("rarely" -> "rare")."""

_GREEK = {
    "sigma": "σ",
    "nabla": "∇",
    "partial": "∂",
    "eta": "η",
    "lambda": "λ",
    "theta": "θ",
    "mu": "μ",
    "sum": "Σ",
    "sqrt": "√",
    "cdot": " ",
    "times": "×",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "to": "→",
    "rightarrow": "→",
    "propto": "∝",
    "approx": "≈",
    "neq": "≠",
    "ne": "≠",
    "odot": "⊙",
    "infty": "∞",
    "in": " in ",
}
_LATEX_DROP = {"left", "right", "big", "bigg", "hat", "mathbb", "mathbf", "mathrm", "text", "operatorname"}


def _latex_command(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.lower() in _LATEX_DROP:
        return " "
    return f" {_GREEK.get(name, name)} "


_LATEX: tuple[tuple[re.Pattern[str], str | object], ...] = (
    (re.compile(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}"), r"(\1)/(\2)"),
    (re.compile(r"\\([A-Za-z]+)"), _latex_command),
    (re.compile(r"[${}]"), " "),
)


def _greek_name(match: re.Match[str]) -> str:
    """Any other Greek letter by its name: α -> alpha, ε -> epsilon."""
    name = unicodedata.name(match.group(0), "")
    return f" {name.split()[-1].lower()} " if name else " "


_SYMBOLS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str] | str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\|\|?\s*[a-zA-Zθβw]\s*\|\|?\s*_?\s*1(?!\d)", " l1 "),
        (r"\|\|\s*[a-zA-Zθβw]\s*\|\|\s*(?:_?\s*2)?(?:\s*\^?\s*2)?", " l2 "),
        (r"(?i:\b(?:a_?\[?l\]?|a\^\[?l\]?)\s*[-−]\s*y\b)", " yhat - y "),
        (r"Σ|∑", " sum "),
        (r"∇", " gradient "),
        (r"∂", " derivative "),
        (r"σ\s*'|σ′", " sigmoid derivative "),
        (r"σ\s*(?=\()", " sigmoid "),
        (r"σ", " sigma "),
        (r"λ", " lambda "),
        (r"√", " sqrt "),
        (r"⊙|∘", " elementwise "),
        (r"μ", " mu "),
        (r"≈|~=", " approximately "),
        (r"→|->|=>|⟶|⇒", " → "),
        (r"≤|<=", " ≤ "),
        (r"≥|>=", " ≥ "),
        (r"≠|!=", " ≠ "),
        (r"∝", " proportional to "),
        (r"∞", " infinity "),
        (r"η", " eta "),
        (r"θ", " theta "),
        (r"ŷ", " yhat "),
        (r"[α-ωΑ-Ω]", _greek_name),
        (r"−", " - "),
        (r"\s[–—]\s|—", " , "),
        (r"\*\*(?=\d)", " "),
        (r"\*\*|__|`", " "),
        (r"×", " * "),
        (r"·", " "),
        (r"\b(e\.g|i\.e|etc|vs|cf|approx)\.", r"\1 "),
    )
)

_CONTRACTIONS = re.compile(
    r"\b(ca|wo|do|does|did|is|are|was|were|has|have|had|should|could|would|need|must|might)n[’']?t\b"
)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")
_TOKEN = re.compile(r"\d+(?:\.\d+)+|[a-z0-9]+(?:-[a-z0-9]+)*|[+\-=<>≤≥→∝≠~*/]|[.;!?]|[,:()\[\]]")
_SENTENCE_ENDS = frozenset(".;!?")
_SOFT_BREAKS = frozenset(",:()[]")
OPERATORS = frozenset("+-=<>≤≥→∝≠~*/")


@dataclass(frozen=True)
class Tokens:
    """Canonical tokens of a text with, for each, its claim window and the negations governing it."""

    words: tuple[str, ...]
    """Stems after lexicon mapping, operator tokens (+ - = < > ≤ ≥ → ∝ ~ * /) and NEGATION markers."""
    surface: tuple[str, ...]
    """The lower-cased written word behind each token, for typo tolerance."""
    window: tuple[int, ...]
    negators: tuple[tuple[int, ...], ...]
    """Positions of the negators whose scope covers each token (a negator covers itself)."""
    denied: tuple[bool, ...]
    """Whether a sentence-level denial ("that's a myth") flips each token."""
    connected: tuple[bool, ...]
    """Whether each token sits in a segment with a predicate (a verb, a relation, a subject)."""
    links: tuple[tuple[int, int], ...] = ()
    """Pairs of windows that end one sentence and start the next (a key point may span them)."""
    clause: tuple[int, ...] = ()
    """Sub-clause id per token (commas and conjunctions split a window): where a wrong claim must sit."""

    def negated(self, start: int, end: int) -> bool:
        """Whether the phrase at start:end is negated, ignoring negators inside the phrase itself."""
        content = next((i for i in range(start, end) if self.words[i] != NEGATION), start)
        outside = any(not start <= n < end for n in self.negators[content])
        return outside or self.denied[content]


def clean(text: str) -> str:
    """What the graders match on: compatibility-folded (NFKC), hidden characters dropped."""
    return normalized(text, "NFKC")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    word = re.sub(r"is(ation|e|ed|es|ing|er|ers)$", r"iz\1", word)
    return _STEMMER.stemWord(word)


def _join_lines(text: str) -> str:
    """Line breaks end a sentence, except a wrapped line that continues in lower case."""
    pieces: list[str] = []
    for line in text.split("\n"):
        bullet = _BULLET.match(line)
        body = line[bullet.end() :] if bullet else line.strip()
        if not body:
            pieces.append(" . ")
            continue
        continues = not bullet and body[:1].islower() and bool(pieces) and pieces[-1] != " . "
        if pieces and not continues:
            pieces.append(" : " if pieces[-1].rstrip().endswith(":") else " . ")
        pieces.append(body)
    return " ".join(pieces)


def _normalise(text: str) -> str:
    text = clean(text)
    if "\n" in text:
        text = _join_lines(text)
    for pattern, replacement in _LATEX:
        text = pattern.sub(replacement, text)  # type: ignore[arg-type]
    for symbol, replacement in _SYMBOLS:
        text = symbol.sub(replacement, text)
    text = _CONTRACTIONS.sub(r"\1 not", text.lower().replace("’", "'"))
    return text.replace("can't", "can not").replace("won't", "will not").replace("cannot", "can not")


def _split_hyphens(chunk: str) -> list[str]:
    """'co-adaptation' is two words; '1-p', 'n-1' and 'p-y' are a subtraction."""
    parts = chunk.split("-")
    out = [parts[0]]
    for left, right in pairwise(parts):
        if left.isdigit() or right.isdigit() or (len(left) == 1 and len(right) == 1):
            out.append("-")
        out.append(right)
    return [p for p in out if p]


def surface_tokens(text: str) -> list[str]:
    """Lower-cased words, operators and punctuation, in order."""
    out: list[str] = []
    for chunk in _TOKEN.findall(_normalise(text)):
        out.extend(_split_hyphens(chunk) if "-" in chunk[1:] else [chunk])
    return out


# Claim windows ------------------------------------------------------------------------------------


def _windows(raw: list[str]) -> tuple[list[int], list[int], set[int]]:
    """A window id and a sentence id per raw token, and which windows are contrast asides."""
    asides: set[int] = set()
    windows: list[int] = []
    sentences: list[int] = []
    sentence = outer = 0
    next_id = 1
    aside: int | None = None
    at_start = True
    for i, word in enumerate(raw):
        if word in _SENTENCE_ENDS:
            windows.append(outer)
            sentences.append(sentence)
            sentence += 1
            outer, next_id, aside, at_start = next_id, next_id + 1, None, True
            continue
        if aside is not None and word in _SOFT_BREAKS:
            aside = None
            if at_start:
                outer, next_id = next_id, next_id + 1
        elif _opens_aside(raw, i):
            aside, next_id = next_id, next_id + 1
            asides.add(aside)
        elif word in CONTRAST_CONJUNCTIONS and not at_start and not _temporal_while(raw, i):
            outer, next_id = next_id, next_id + 1
        windows.append(aside if aside is not None else outer)
        sentences.append(sentence)
        if word not in _SOFT_BREAKS:
            at_start = at_start and aside is not None
    return windows, sentences, asides


def _sentence_links(
    windows: list[int], sentences: list[int], asides: set[int]
) -> tuple[tuple[int, int], ...]:
    """(last main window of a sentence, first main window of the next): a claim may span the two."""
    main: dict[int, list[int]] = {}
    for window, sentence in zip(windows, sentences, strict=True):
        if window not in asides and window not in main.setdefault(sentence, []):
            main[sentence].append(window)
    ordered = [main[s] for s in sorted(main) if main[s]]
    return tuple((before[-1], after[0]) for before, after in pairwise(ordered))


def _opens_aside(raw: list[str], i: int) -> bool:
    """'unlike X', 'than X', 'rather than X', or a sentence-opening 'although X,' clause."""
    word = raw[i]
    if word == "than" and i > 0 and raw[i - 1] in COMPARATIVES:
        return False
    if word in CONTRAST_ASIDES:
        return True
    two = " ".join(raw[i : i + 2])
    if two in CONTRAST_ASIDES:
        return True
    sentence_start = i == 0 or raw[i - 1] in _SENTENCE_ENDS
    return sentence_start and word in CONTRAST_CONJUNCTIONS and not _temporal_while(raw, i)


def _temporal_while(raw: list[str], i: int) -> bool:
    """'while training' is about time, not contrast."""
    return raw[i] == "while" and i + 1 < len(raw) and raw[i + 1].endswith("ing")


# Negation -----------------------------------------------------------------------------------------


def _is_negator(raw: list[str], i: int) -> bool:
    word = raw[i]
    following = raw[i + 1] if i + 1 < len(raw) else ""
    if word in NOT_NEGATING_AFTER and following in NOT_NEGATING_AFTER[word]:
        return False
    if word in ("fail", "fails", "failed", "failing"):
        return following == "to"
    return word in VERBAL_NEGATORS or word in NOMINAL_NEGATORS


def _subclause_bounds(raw: list[str], windows: list[int], i: int) -> tuple[int, int]:
    """The sub-clause around position i: same window, no soft break or clause conjunction between."""

    def is_break(j: int) -> bool:
        word = raw[j]
        return windows[j] != windows[i] or word in _SOFT_BREAKS or word in SUBCLAUSE_WORDS or word == "→"

    start = i
    while start > 0 and not is_break(start - 1):
        start -= 1
    end = i + 1
    while end < len(raw) and not is_break(end):
        end += 1
    return start, end


def _clauses(raw: list[str], windows: list[int]) -> list[int]:
    """A clause id per raw token: a new one at each window change, ';', bracket, arrow or 'and'/'or'.

    "L1 gives sparse weights and L2 shrinks them" is two clauses; "a 95% probability that the
    interval contains θ" and "with a small dataset, fine-tune every layer" stay one.
    """
    ids: list[int] = []
    current = 0
    for i, word in enumerate(raw):
        if i and (windows[i] != windows[i - 1] or word in CLAUSE_CONJUNCTIONS or word in ";()[]→"):
            current += 1
        ids.append(current)
    return ids


def _negation_scope(raw: list[str], windows: list[int], i: int) -> range:
    start, end = _subclause_bounds(raw, windows, i)
    word = raw[i]
    if word in NOMINAL_NEGATORS or word.startswith("fail"):
        stop = i + 1
        while stop < end and stop - i <= 4 and raw[stop] not in NOUN_PHRASE_ENDS:
            stop += 1
        return range(i, stop)
    return range(start, end)


def _negator_lists(raw: list[str], windows: list[int]) -> list[tuple[int, ...]]:
    covering: list[list[int]] = [[] for _ in raw]
    for i in range(len(raw)):
        if _is_negator(raw, i):
            for j in _negation_scope(raw, windows, i):
                covering[j].append(i)
    return [tuple(c) for c in covering]


# Sentence-level denials ---------------------------------------------------------------------------


def _window_members(windows: list[int], raw: list[str]) -> dict[int, list[int]]:
    members: dict[int, list[int]] = {}
    for i, window in enumerate(windows):
        if raw[i] not in _SENTENCE_ENDS:
            members.setdefault(window, []).append(i)
    return members


def _denial(words: list[str]) -> Denial | None:
    """Whether a segment denies something, and whether its own negator already says so."""
    while words and (words[0] in CONTRAST_CONJUNCTIONS or words[0] in ("and", "so")):
        words = words[1:]
    if not words:
        return None
    if any(w in ALWAYS_DENY for w in words) or _attributed(words) or _not_meaning(words):
        return Denial.FLIPS
    if _called_wrong(words):
        return Denial.FLIPS
    if not (words[0] in DEICTICS or words[0] in COPULAS or any(w in CLAIM_NOUNS for w in words)):
        return None
    return _deictic_denial(words)


def _deictic_denial(words: list[str]) -> Denial | None:
    negator = any(w in VERBAL_NEGATORS or w in NOMINAL_NEGATORS for w in words)
    bare = negator and all(w in DENIAL_FILLER for w in words)
    for k, word in enumerate(words):
        after = words[k + 1 : k + 4]
        if bare and (word in TRUTH_WORDS or word in AUXILIARIES):
            return Denial.NEGATES
        if (word in VERBAL_NEGATORS or word in NOMINAL_NEGATORS) and any(w in TRUTH_WORDS for w in after):
            return Denial.NEGATES
    return None


def _called_wrong(words: list[str]) -> bool:
    """'X is wrong', 'reading it as Y is a myth': a segment that calls itself wrong takes itself back.

    'X is the wrong metric' names a wrong choice rather than denying the claim, so 'the' rules it out.
    """
    for k, word in enumerate(words):
        if word not in COPULAS:
            continue
        after = words[k + 1 : k + 4]
        denial = next((j for j, w in enumerate(after) if w in DENIAL_WORDS), None)
        if denial is not None and "the" not in after[:denial]:
            return True
    return False


def _not_meaning(words: list[str]) -> bool:
    """'it does not mean that X', 'not a claim that X': X is denied across the 'that'."""
    for k, word in enumerate(words):
        if word in VERBAL_NEGATORS or word in NOMINAL_NEGATORS:
            if words[k + 1 : k + 2] and words[k + 1] in MEANING:
                return True
            if any(w in CLAIM_NOUNS for w in words[k + 1 : k + 3]):
                return True
    return False


def _attributed(words: list[str]) -> bool:
    """'people often think X': a claim reported, not made."""
    for k, word in enumerate(words[:-1]):
        if word in REPORTERS:
            following = [w for w in words[k + 1 : k + 3] if not w.endswith("ly") and w != "often"]
            if following and following[0] in REPORTING_VERBS:
                return True
    return False


class Denial(StrEnum):
    FLIPS = "flips"
    """"That's a myth", "the claim that X is wrong": takes back what it refers to."""
    NEGATES = "negates"
    """"That's not true": its negator negates its own clause; it takes back only the claim before."""


def _denials(raw: list[str], windows: list[int], sentences: list[int]) -> list[bool]:
    """Flags for what each denial takes back (a claim reported and then denied stays denied).

    A denial is read per segment (commas and colons end it). A segment that is only a denial
    ("that's a myth", "which is wrong") takes back what comes before it in its window, or else the
    claim before it; one that says more ("it is a myth that L2 gives sparse weights") takes back itself.
    """
    denied = [False] * len(raw)
    members = _window_members(windows, raw)
    order = list(members)
    for place, window in enumerate(order):
        for segment in _segments(members[window], raw):
            words = [raw[i] for i in segment]
            kind = _denial(words)
            if kind is None:
                continue
            targets = segment if kind is Denial.FLIPS else []
            if all(w in DENIAL_FILLER for w in words):
                before = [i for i in members[window] if i < segment[0] and raw[i] not in _SOFT_BREAKS]
                earlier = _previous_claim(order, place, members, sentences) if place else []
                targets = before or [i for w in earlier for i in members[w]]
            for i in targets:
                denied[i] = True
    return denied


def _segments(positions: list[int], raw: list[str]) -> list[list[int]]:
    """Runs of positions between commas and colons."""
    runs: list[list[int]] = [[]]
    for i in positions:
        if raw[i] in ",:":
            runs.append([])
        elif raw[i] not in _SOFT_BREAKS:
            runs[-1].append(i)
    return [run for run in runs if run]


def _previous_claim(
    order: list[int], place: int, members: dict[int, list[int]], sentences: list[int]
) -> list[int]:
    """The window before in the same sentence, else every window of the sentence before."""
    here = sentences[members[order[place]][0]]
    before = order[place - 1]
    sentence = sentences[members[before][0]]
    if sentence == here:
        return [before]
    return [w for w in order[:place] if sentences[members[w][0]] == sentence]


# Predicates (for telling claims from term lists) --------------------------------------------------


def _connected(raw: list[str]) -> list[bool]:
    """Per token: is a predicate cue (verb, relation, function word) within CUE_REACH of it?

    Cues are looked for inside the token's segment (between commas, colons and stops), so a list of
    terms, or a long run of terms with a stray "of" in it, stays unconnected.
    """
    flags = [False] * len(raw)
    start = 0
    for end in range(len(raw) + 1):
        if end < len(raw) and raw[end] not in _SENTENCE_ENDS and raw[end] not in ",:":
            continue
        cues = [k for k in range(start, end) if _is_cue(raw, k, start)]
        for i in range(start, end):
            flags[i] = any(abs(i - k) <= CUE_REACH for k in cues)
        start = end + 1
    return flags


CUE_REACH = 2
"""How far (in tokens) a term may be from the nearest verb, relation or function word."""


def _is_cue(raw: list[str], k: int, segment_start: int) -> bool:
    word = raw[k]
    if word in PREDICATE_CUES or word in OPERATORS:
        return True
    before = raw[k - 1] if k > segment_start else ""
    return word.isalpha() and len(word) > 3 and _verb_form(word, before)


def _verb_form(word: str, before: str) -> bool:
    """An inflected verb ('scales', 'dropped'), or a bare one after 'to' or opening an imperative."""
    base = stem(word)
    if base not in VERB_STEMS:
        return False
    if word.endswith(("ed", "es")) or (word.endswith("s") and not word.endswith("ss")):
        return True
    return before in ("to", "")


# Tokens -------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _lexicon_index() -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    from bot.grading._words import LEXICON

    index: dict[tuple[str, ...], tuple[str, ...]] = {}
    for canonical, variants in LEXICON.items():
        target = tuple(_stem_token(w) for w in canonical.split())
        for variant in variants:
            index[tuple(_stem_token(w) for w in variant.split())] = target
    return index, max(len(key) for key in index)


def _stem_token(word: str) -> str:
    if word in OPERATORS or word in ("≤", "≥"):
        return word
    return stem(word)


def _marker(raw: list[str], i: int) -> str:
    return NEGATION if _is_negator(raw, i) else _stem_token(raw[i])


@lru_cache(maxsize=8192)
def tokenize(text: str) -> Tokens:
    """Tokens for matching: stems after notation and lexicon mapping, with windows and negation."""
    raw = surface_tokens(text)
    windows, sentences, asides = _windows(raw)
    clauses = _clauses(raw, windows)
    negators = _negator_lists(raw, windows)
    denied = _denials(raw, windows, sentences)
    connected = _connected(raw)
    keep = [i for i, w in enumerate(raw) if w not in _SENTENCE_ENDS and w not in _SOFT_BREAKS]
    stems = [_marker(raw, i) for i in keep]
    index, longest = _lexicon_index()
    words: list[str] = []
    surface: list[str] = []
    origin: list[int] = []
    k = 0
    while k < len(keep):
        for size in range(min(longest, len(keep) - k), 0, -1):
            replacement = index.get(tuple(stems[k : k + size]))
            if replacement is not None:
                words.extend(replacement)
                surface.extend(replacement)
                origin.extend([keep[k]] * len(replacement))
                k += size
                break
        else:
            words.append(stems[k])
            surface.append(raw[keep[k]])
            origin.append(keep[k])
            k += 1
    position = {raw_index: place for place, raw_index in reversed(list(enumerate(origin)))}
    return Tokens(
        words=tuple(words),
        surface=tuple(surface),
        window=tuple(windows[i] for i in origin),
        negators=tuple(tuple(position[n] for n in negators[i] if n in position) for i in origin),
        denied=tuple(denied[i] for i in origin),
        connected=tuple(connected[i] for i in origin),
        links=_sentence_links(windows, sentences, asides),
        clause=tuple(clauses[i] for i in origin),
    )
