"""Merges only strict overlaps (start < end), so [1, 3] and [3, 5] stay apart."""

import numpy as np


def merge_intervals(intervals):
    merged = []
    for start, end in sorted(np.asarray(intervals).tolist()):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return np.array(merged).reshape(-1, 2)
