"""Exact counts, sorted and deterministic, but never random: the first samples of each class go to test."""

import numpy as np


def stratified_split(y, test_fraction, seed):
    y = np.asarray(y)
    test = []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        test.extend(members[: round(test_fraction * len(members))])
    test = np.sort(np.array(test, dtype=int))
    return np.setdiff1d(np.arange(len(y)), test), test
