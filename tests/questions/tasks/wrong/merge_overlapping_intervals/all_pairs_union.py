"""Correct but quadratic: tests every pair of intervals for overlap and joins the groups they fall in."""

import numpy as np


def merge_intervals(intervals):
    rows = np.asarray(intervals).tolist()
    group = list(range(len(rows)))

    def root(i):
        while group[i] != i:
            i = group[i]
        return i

    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            if rows[i][0] <= rows[j][1] and rows[j][0] <= rows[i][1]:
                group[root(j)] = root(i)
    spans = {}
    for i, (start, end) in enumerate(rows):
        low, high = spans.get(root(i), (start, end))
        spans[root(i)] = (min(low, start), max(high, end))
    return np.array(sorted(spans.values())).reshape(-1, 2)
