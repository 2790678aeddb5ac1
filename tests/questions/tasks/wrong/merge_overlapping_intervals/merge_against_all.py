"""Correct but quadratic: each interval is compared with every merged one so far, until nothing changes."""

import numpy as np


def merge_intervals(intervals):
    merged = [list(row) for row in np.asarray(intervals).tolist()]
    changed = True
    while changed:
        changed = False
        result = []
        for start, end in merged:
            for other in result:
                if start <= other[1] and other[0] <= end:
                    other[0], other[1] = min(other[0], start), max(other[1], end)
                    changed = True
                    break
            else:
                result.append([start, end])
        merged = result
    return np.array(sorted(merged)).reshape(-1, 2)
