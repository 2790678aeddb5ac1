"""Uses sklearn's smoothed idf, ln((1 + N) / (1 + df)) + 1, instead of the plain ln(N / df)."""

import math
from collections import Counter

import numpy as np


def tfidf(docs):
    tokens = [d.split() for d in docs]
    vocab = sorted({t for doc in tokens for t in doc})
    df = Counter(t for doc in tokens for t in set(doc))
    matrix = np.zeros((len(docs), len(vocab)))
    for i, doc in enumerate(tokens):
        for j, term in enumerate(vocab):
            if doc:
                idf = math.log((1 + len(docs)) / (1 + df[term])) + 1
                matrix[i, j] = doc.count(term) / len(doc) * idf
    return vocab, matrix
