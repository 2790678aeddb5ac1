"""Sorts by end instead of start: an interval that starts earlier but ends later keeps the wrong start."""

import numpy as np


def merge_intervals(intervals):
    merged = []
    for start, end in sorted(np.asarray(intervals).tolist(), key=lambda row: row[1]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return np.array(merged).reshape(-1, 2)
