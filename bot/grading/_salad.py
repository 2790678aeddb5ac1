"""Tells a list of rubric terms ("keyword salad") from an answer that states claims."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from bot.grading._match import phrase
from bot.grading._text import NEGATION, Tokens
from bot.grading._words import RELATIONS, STOPWORDS

SALAD_CAP = 0.2
"""The most a keyword-salad answer can score."""
_MIN_TERMS = 5
"""Fewer rubric terms than this is too little to call a list."""
_MAX_LISTED_SHARE = 0.5
"""Salad when more than this share of the rubric terms sit in segments that state nothing."""


@lru_cache(maxsize=512)
def rubric_vocabulary(phrases: tuple[str, ...]) -> frozenset[str]:
    """Content stems of every phrase in a rubric."""
    words: set[str] = set()
    for text in phrases:
        target = phrase(text)
        if target is not None:
            words.update(target.words)
    return frozenset(w for w in words if w not in STOPWORDS and w != NEGATION and w not in RELATIONS)


def is_salad(answer: Tokens, vocabulary: Iterable[str]) -> bool:
    """Mostly rubric terms in segments with no verb, relation or subject to connect them."""
    vocabulary = frozenset(vocabulary)
    terms = [i for i, word in enumerate(answer.words) if word in vocabulary]
    if len(terms) < _MIN_TERMS:
        return False
    listed = sum(1 for i in terms if not answer.connected[i])
    return listed / len(terms) > _MAX_LISTED_SHARE
