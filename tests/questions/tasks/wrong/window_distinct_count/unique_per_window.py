"""Correct but O(n * window log window): np.unique on every window's slice."""

import numpy as np


def distinct_in_window(ids, window):
    ids = np.asarray(ids)
    return np.array([np.unique(ids[max(0, i - window + 1) : i + 1]).size for i in range(len(ids))])
