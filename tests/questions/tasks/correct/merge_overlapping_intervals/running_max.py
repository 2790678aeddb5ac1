"""Vectorised: in start order, a merged interval opens where a start passes every earlier end."""

import numpy as np


def merge_intervals(intervals):
    intervals = np.asarray(intervals)
    if len(intervals) == 0:
        return np.zeros((0, 2), dtype=intervals.dtype)
    rows = intervals[np.argsort(intervals[:, 0], kind="stable")]
    reach = np.maximum.accumulate(rows[:, 1])
    opens = np.concatenate([[True], rows[1:, 0] > reach[:-1]])
    first = np.flatnonzero(opens)
    last = np.concatenate([first[1:] - 1, [len(rows) - 1]])
    return np.stack([rows[first, 0], reach[last]], axis=1)
