"""Turns chat text into comparable tokens: symbols, spelling, stems and negation scope."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")

_SYMBOLS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\|\|?\s*[a-zA-Zθβw]\s*\|\|?\s*_?\s*1(?!\d)", " l1 "),
        (r"\|\|\s*[a-zA-Zθβw]\s*\|\|\s*(?:_?\s*2)?(?:\s*\^?\s*2)?", " l2 "),
        (r"Σ|∑", " sum "),
        (r"∇", " gradient "),
        (r"∂", " derivative "),
        (r"σ\s*'|σ′", " sigmoid derivative "),
        (r"σ", " sigma "),
        (r"λ", " lambda "),
        (r"√", " sqrt "),
        (r"⊙|∘", " elementwise "),
        (r"μ", " mu "),
        (r"≈|~=", " approximately "),
        (r"→|->|=>", " to "),
        (r"≤|<=", " at most "),
        (r"≥|>=", " at least "),
        (r"∞", " infinity "),
        (r"η", " eta "),
        (r"θ", " theta "),
        (r"ŷ", " yhat "),
    )
)

_CONTRACTIONS = re.compile(
    r"\b(ca|wo|do|does|did|is|are|was|were|has|have|had|should|could|would|need)n[’']?t\b"
)
_TOKEN = re.compile(r"[a-z0-9]+|[.,;:!?()]")
_PUNCTUATION_BREAKS = frozenset(".,;:!?()")
_CONTRAST_WORDS = frozenset(
    ["but", "however", "whereas", "while", "although", "though", "yet", "instead", "unlike"]
)
_NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "without",
        "neither",
        "nor",
        "cannot",
        "rarely",
        "seldom",
        "hardly",
        "barely",
        "none",
        "non",
        "nothing",
        "lack",
        "lacks",
        "fail",
        "fails",
    ]
)
_NEGATION = "\x00not"
"""Stands in for any negator after tokenising, so stemming can't disguise one ("rarely" -> "rare")."""

# Notation-level equivalences only; concept synonyms belong in each rubric's match groups.
_LEXICON: dict[str, tuple[str, ...]] = {
    "l1": ("lasso", "l 1", "l1 norm", "manhattan norm"),
    "l2": ("ridge", "weight decay", "l 2", "l2 norm", "tikhonov", "euclidean norm", "squared norm"),
    "sigmoid": ("sigma", "logistic function", "sigmoidal"),
    "gradient": ("grad", "grads", "nabla", "gradient vector"),
    "relu": ("rectified linear unit", "rectified linear", "rectifier"),
    "learning rate": ("lr", "step size", "stepsize", "eta"),
    "batchnorm": ("batch norm", "batch normalization", "batch normalisation", "bn"),
    "layernorm": ("layer norm", "layer normalization", "layer normalisation"),
    "maximum likelihood": ("mle", "max likelihood"),
    "zero": ("0", "zeros", "zeroes"),
    "one": ("1",),
    "infinity": ("inf", "infinite"),
    "standard deviation": ("std", "stdev", "std dev"),
    "neural network": ("nn", "neural net", "neural nets"),
    "gradient descent": ("gd", "sgd"),
}


@dataclass(frozen=True)
class Tokens:
    """Stemmed tokens of a text and, for each, whether a negation governs it."""

    words: tuple[str, ...]
    negated: tuple[bool, ...]
    negated_loose: tuple[bool, ...]
    """Wider scope, also "X is not used": for phrases that a key point expects to be negated."""


def clean(text: str) -> str:
    """NFKC-normalise and drop control characters except newlines and tabs."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    word = re.sub(r"is(ation|e|ed|es|ing|er|ers)$", r"iz\1", word)
    return _STEMMER.stemWord(word)


def _raw_tokens(text: str) -> list[str]:
    text = clean(text)
    for pattern, replacement in _SYMBOLS:
        text = pattern.sub(replacement, text)
    text = _CONTRACTIONS.sub(r"\1 not", text.lower().replace("’", "'"))
    text = text.replace("can't", "can not").replace("won't", "will not")
    return _TOKEN.findall(text)


@lru_cache(maxsize=1)
def _lexicon_index() -> dict[tuple[str, ...], tuple[str, ...]]:
    index: dict[tuple[str, ...], tuple[str, ...]] = {}
    for canonical, variants in _LEXICON.items():
        target = tuple(stem(w) for w in canonical.split())
        for variant in variants:
            index[tuple(stem(w) for w in variant.split())] = target
    return index


def _canonicalise(words: list[str]) -> list[str]:
    """Replace lexicon variants by their canonical words, longest match first."""
    index = _lexicon_index()
    longest = max(len(key) for key in index)
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            replacement = index.get(tuple(words[i : i + size]))
            if replacement is not None:
                out.extend(replacement)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _negator_within(words: list[str], positions: range) -> bool:
    for j in positions:
        if words[j] in _PUNCTUATION_BREAKS:
            return False
        if words[j] == _NEGATION:
            return True
    return False


def _negation_flags(words: list[str], before: int, after: int = 0) -> tuple[bool, ...]:
    """Whether a negator stands within `before` tokens ahead of, or `after` tokens behind, each word."""
    return tuple(
        _negator_within(words, range(i - 1, max(-1, i - before - 1), -1))
        or _negator_within(words, range(i + 1, min(len(words), i + after + 1)))
        for i in range(len(words))
    )


def _marker(word: str) -> str | None:
    """Negators and contrast words become fixed markers before stemming can disguise them."""
    if word in _NEGATORS:
        return _NEGATION
    return ";" if word in _CONTRAST_WORDS else None


@lru_cache(maxsize=8192)
def tokenize(text: str) -> Tokens:
    """Tokens for matching: stems after symbol and lexicon mapping; punctuation kept for scope."""
    raw = _raw_tokens(text)
    stems = _canonicalise([_marker(w) or stem(w) for w in raw])
    return Tokens(tuple(stems), _negation_flags(stems, 2), _negation_flags(stems, 6, 3))
