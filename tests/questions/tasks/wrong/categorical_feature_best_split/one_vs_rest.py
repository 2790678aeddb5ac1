"""Only tries each single category against all the others (one-vs-rest), missing multi-category subsets."""

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
    for name in names:
        mask = cats == name
        score = (mask.sum() * _gini(y[mask]) + (~mask).sum() * _gini(y[~mask])) / len(y)
        if best is None or score < best[0]:
            best = (score, {name})
    left = best[1] if names[0] in best[1] else set(names) - best[1]
    return sorted(left), float(best[0])
