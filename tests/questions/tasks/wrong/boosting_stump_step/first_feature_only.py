"""Searches thresholds on the first feature only."""

import numpy as np


def boosting_step(X, y, F, learning_rate):
    r = y - F
    best = None
    values = np.unique(X[:, 0])
    for t in (values[:-1] + values[1:]) / 2:
        left = X[:, 0] <= t
        pred = np.where(left, r[left].mean(), r[~left].mean())
        sse = ((r - pred) ** 2).sum()
        if best is None or sse < best[0]:
            best = (sse, pred)
    stump = np.full(len(r), r.mean()) if best is None else best[1]
    return F + learning_rate * stump
