"""Sets the end to the next interval's end instead of the larger one, so a nested interval shrinks it."""

import numpy as np


def merge_intervals(intervals):
    merged = []
    for start, end in sorted(np.asarray(intervals).tolist()):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return np.array(merged).reshape(-1, 2)
