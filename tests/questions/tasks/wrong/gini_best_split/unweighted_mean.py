"""Averages the two sides' Gini impurities without weighting them by their sizes."""

import numpy as np


def best_split(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    order = np.argsort(x)
    xs, ys = x[order], y[order]
    best = (None, 2 * ys.mean() * (1 - ys.mean()))
    best_score = np.inf
    for i in range(1, len(xs)):
        if xs[i] == xs[i - 1]:
            continue
        left, right = ys[:i], ys[i:]
        g_left = 1 - left.mean() ** 2 - (1 - left.mean()) ** 2
        g_right = 1 - right.mean() ** 2 - (1 - right.mean()) ** 2
        score = (g_left + g_right) / 2
        if score < best_score:
            best_score = score
            best = ((xs[i - 1] + xs[i]) / 2, score)
    return best
