"""Correct but O(n * window): builds a set for every window."""

import numpy as np


def distinct_in_window(ids, window):
    ids = np.asarray(ids)
    return np.array([len(set(ids[max(0, i - window + 1) : i + 1].tolist())) for i in range(len(ids))])
