"""TF-IDF from scratch: tf = count / document length, idf = ln(N / df), vocabulary sorted."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from questions.tasks._kit import Case, close_to

FUNCTION = "tfidf"

WORDS = [
    "apple",
    "berry",
    "cedar",
    "delta",
    "ember",
    "fable",
    "grape",
    "harbor",
    "island",
    "jungle",
    "kettle",
    "lemon",
    "maple",
    "nectar",
    "ocean",
    "pepper",
    "quartz",
    "river",
    "saddle",
    "timber",
]


def reference(docs: list[str]) -> tuple[list[str], np.ndarray]:
    tokens = [doc.split() for doc in docs]
    vocab = sorted({t for doc in tokens for t in doc})
    column = {term: j for j, term in enumerate(vocab)}
    df = Counter(t for doc in tokens for t in set(doc))
    matrix = np.zeros((len(docs), len(vocab)))
    for i, doc in enumerate(tokens):
        for term, count in Counter(doc).items():
            matrix[i, column[term]] = count / len(doc) * math.log(len(docs) / df[term])
    return vocab, matrix


def _scores(docs: list[str], check_matrix: bool = True):
    vocab, matrix = reference(docs)

    def check(output) -> str | None:
        if not isinstance(output, tuple | list) or len(output) != 2:
            return "return a tuple (vocab, matrix)"
        got_vocab = output[0]
        if not isinstance(got_vocab, list | tuple) or not all(isinstance(t, str) for t in got_vocab):
            return "`vocab` should be a Python list of str (a numpy array of strings cannot be returned)"
        if list(got_vocab) != vocab:
            if sorted(got_vocab) == vocab:
                return "`vocab` has the right terms but must be sorted alphabetically"
            extra = sorted(set(got_vocab) - set(vocab))
            if extra:
                return f"`vocab` has terms that are not whitespace-separated tokens: {extra[:5]}"
            return f"`vocab` should be {vocab}, got {list(got_vocab)}"
        if not check_matrix:
            return None
        problem = close_to(output[1], matrix, "matrix")
        if problem and " is off" in problem:
            i, j = np.unravel_index(
                int(np.argmax(np.abs(np.asarray(output[1], dtype=float) - matrix))), matrix.shape
            )
            term = vocab[j]
            tokens = docs[i].split()
            df = sum(term in d.split() for d in docs)
            return (
                f"{problem}; for document {i} and term {term!r}: count {tokens.count(term)}, "
                f"document length {len(tokens)}, N = {len(docs)}, df = {df}"
            )
        return problem

    return check


def _corpus(rng: np.random.Generator) -> list[str]:
    """Documents of different lengths with a repeated term, one term in every document, rare terms too."""
    words = list(rng.choice(WORDS, size=int(rng.integers(6, 10)), replace=False))
    n = int(rng.integers(4, 7))
    while True:
        lengths = rng.choice(np.arange(3, 12), size=n, replace=False)
        docs = [list(rng.choice(words[1:], size=int(k))) for k in lengths]
        for doc in docs:
            doc[int(rng.integers(len(doc)))] = words[0]  # words[0] is in every document: idf 0
        counts = [Counter(doc) for doc in docs]
        df = Counter(t for doc in docs for t in set(doc))
        repeated_rare = any(c[t] > 1 and df[t] < n for c in counts for t in c)
        if repeated_rare and min(df.values()) < n:
            return [" ".join(doc) for doc in docs]


def cases(rng: np.random.Generator) -> list[Case]:
    docs = _corpus(rng)
    docs2 = _corpus(rng)
    with_empty = list(docs)
    with_empty.insert(int(rng.integers(1, len(docs))), "")
    separators = [" ", "  ", "\t", "\n", " \t "]
    messy = [" " + "".join(t + str(rng.choice(separators)) for t in doc.split()) + "\n" for doc in docs2]
    return [
        Case(
            "vocab: the sorted list of distinct terms", "required", (docs,), _scores(docs, check_matrix=False)
        ),
        Case(
            f"matrix of shape ({len(docs)}, n_terms) for a small corpus", "required", (docs,), _scores(docs)
        ),
        Case("a second corpus", "required", (docs2,), _scores(docs2)),
        Case(
            "an empty document gives a row of zeros, not NaN",
            "required",
            (with_empty,),
            _scores(with_empty),
            forbid_warnings=True,
        ),
        Case(
            "tabs, newlines and repeated spaces between tokens",
            "required",
            (messy,),
            _scores(messy),
        ),
        Case(
            "a corpus of one document: every idf is ln(1) = 0",
            "edge",
            (docs[:1],),
            _scores(docs[:1]),
            followup="TF-IDF of a single document is all zeros. Why does sklearn's smooth_idf add 1 inside "
            "and outside the log, and what does an empty document do to N?",
        ),
    ]
