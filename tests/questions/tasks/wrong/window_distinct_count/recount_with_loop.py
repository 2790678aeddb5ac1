"""Correct but O(n * window): a Python loop adds every id of each window to a fresh set."""

import numpy as np


def distinct_in_window(ids, window):
    ids = np.asarray(ids).tolist()
    counts = []
    for i in range(len(ids)):
        seen = set()
        for j in range(max(0, i - window + 1), i + 1):
            seen.add(ids[j])
        counts.append(len(seen))
    return np.array(counts)
