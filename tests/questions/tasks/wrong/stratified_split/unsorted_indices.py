"""Returns the indices in per-class, shuffled order instead of sorted."""

import numpy as np


def stratified_split(y, test_fraction, seed):
    y = np.asarray(y)
    rng = np.random.default_rng(seed)
    train, test = [], []
    for label in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == label))
        k = round(test_fraction * len(members))
        test.extend(members[:k])
        train.extend(members[k:])
    return np.array(train), np.array(test)
