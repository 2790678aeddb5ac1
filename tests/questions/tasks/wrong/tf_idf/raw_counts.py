"""Uses raw term counts as tf, without dividing by the document length."""

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
            matrix[i, j] = doc.count(term) * math.log(len(docs) / df[term])
    return vocab, matrix
