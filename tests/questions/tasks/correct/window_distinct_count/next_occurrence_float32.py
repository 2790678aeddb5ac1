"""Vectorised: each event counts until its id repeats or leaves the window; counts come back as float32."""

import numpy as np


def distinct_in_window(ids, window):
    ids = np.asarray(ids)
    n = len(ids)
    order = np.argsort(ids, kind="stable")
    next_same = np.full(n, n)
    repeats = ids[order][1:] == ids[order][:-1]
    next_same[order[:-1][repeats]] = order[1:][repeats]
    stop = np.minimum(next_same, np.arange(n) + window)
    delta = np.bincount(stop, minlength=n + 1)[: n + 1] * -1
    delta[:n] += 1
    return np.cumsum(delta)[:n].astype(np.float32)
