"""Keeps the vocabulary in order of first appearance instead of sorting it."""

import math
from collections import Counter

import numpy as np


def tfidf(docs):
    tokens = [d.split() for d in docs]
    vocab = list(dict.fromkeys(t for doc in tokens for t in doc))
    df = Counter(t for doc in tokens for t in set(doc))
    matrix = np.zeros((len(docs), len(vocab)))
    for i, doc in enumerate(tokens):
        for j, term in enumerate(vocab):
            if doc:
                matrix[i, j] = doc.count(term) / len(doc) * math.log(len(docs) / df[term])
    return vocab, matrix
