"""Treats labels as 1-based and writes to column label - 1, so class 0 wraps to the last column."""

import numpy as np


def one_hot(labels, n_classes):
    labels = np.asarray(labels, dtype=int)
    out = np.zeros((len(labels), n_classes))
    out[np.arange(len(labels)), labels - 1] = 1.0
    return out
