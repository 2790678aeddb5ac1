"""Scores a split by the plain average of the two sides' Gini, not weighted by their sizes."""

import numpy as np


def _gini(labels):
    p = labels.mean()
    return 2 * p * (1 - p)


def best_category_split(categories, y):
    y = np.asarray(y, dtype=float)
    cats = np.array(categories)
    names = sorted(set(categories))
    if len(names) < 2:
        return None, float(_gini(y))
    rate = {name: y[cats == name].mean() for name in names}
    ordered = sorted(names, key=rate.get)
    best = None
    for k in range(1, len(ordered)):
        mask = np.isin(cats, ordered[:k])
        score = (_gini(y[mask]) + _gini(y[~mask])) / 2
        if best is None or score < best[0]:
            best = (score, set(ordered[:k]))
    left = best[1] if names[0] in best[1] else set(names) - best[1]
    return sorted(left), float(best[0])
