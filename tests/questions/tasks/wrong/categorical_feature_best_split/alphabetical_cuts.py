"""Cuts the categories in alphabetical order instead of ordering them by positive rate."""

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
    best = None
    for k in range(1, len(names)):
        mask = np.isin(cats, names[:k])
        score = (mask.sum() * _gini(y[mask]) + (~mask).sum() * _gini(y[~mask])) / len(y)
        if best is None or score < best[0]:
            best = (score, names[:k])
    return sorted(best[1]), float(best[0])
