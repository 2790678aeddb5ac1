"""A Python pass records where each id was last seen; a difference array and cumsum give the counts."""

import numpy as np


def distinct_in_window(ids, window):
    n = len(ids)
    delta = np.zeros(n + window + 1, dtype=np.int64)
    last_seen = {}
    for i, user in enumerate(ids.tolist()):
        previous = last_seen.get(user)
        start = i if previous is None else max(i, previous + window)
        delta[start] += 1
        delta[i + window] -= 1
        last_seen[user] = i
    return np.cumsum(delta)[:n]
