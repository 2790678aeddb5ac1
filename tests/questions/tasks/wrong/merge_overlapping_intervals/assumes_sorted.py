"""Sweeps the intervals in the order given, as if they were already sorted by start."""

import numpy as np


def merge_intervals(intervals):
    merged = []
    for start, end in np.asarray(intervals).tolist():
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return np.array(merged).reshape(-1, 2)
