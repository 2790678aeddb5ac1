"""Returns the last sorted x on the left as the threshold instead of the midpoint to the next value."""

import numpy as np


def best_split(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    order = np.argsort(x)
    xs, ys = x[order], y[order]
    n = len(xs)
    best_threshold, best_score = None, 2 * ys.mean() * (1 - ys.mean())
    found = False
    for i in range(1, n):
        if xs[i] == xs[i - 1]:
            continue
        p_left, p_right = ys[:i].mean(), ys[i:].mean()
        score = (i * 2 * p_left * (1 - p_left) + (n - i) * 2 * p_right * (1 - p_right)) / n
        if not found or score < best_score:
            found = True
            best_threshold, best_score = xs[i - 1], score
    return best_threshold, best_score
