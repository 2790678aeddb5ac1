"""Truncates test_fraction * class_count with int() instead of rounding it."""

import numpy as np


def stratified_split(y, test_fraction, seed):
    y = np.asarray(y)
    rng = np.random.default_rng(seed)
    test = []
    for label in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == label))
        test.extend(members[: int(test_fraction * len(members))])
    test = np.sort(np.array(test, dtype=int))
    train = np.setdiff1d(np.arange(len(y)), test)
    return train, test
