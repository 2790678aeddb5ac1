"""Plain Python: sorted() with a key function, then one sweep over tuples."""

import numpy as np


def merge_intervals(intervals):
    merged = []
    for start, end in sorted(map(tuple, intervals.tolist()), key=lambda row: row[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return np.array(merged, dtype=np.int64).reshape(-1, 2)
