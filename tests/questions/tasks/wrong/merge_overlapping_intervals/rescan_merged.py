"""Correct but quadratic: for each interval, scans the whole merged list for the ones it overlaps."""

import numpy as np


def merge_intervals(intervals):
    merged = []
    for start, end in np.asarray(intervals).tolist():
        kept = []
        for low, high in merged:
            if low <= end and start <= high:
                start, end = min(start, low), max(end, high)
            else:
                kept.append([low, high])
        kept.append([start, end])
        merged = kept
    return np.array(sorted(merged)).reshape(-1, 2)
