"""Never uses the seed: the global numpy generator gives a different split on every call."""

import numpy as np


def stratified_split(y, test_fraction, seed):
    y = np.asarray(y)
    test = []
    for label in np.unique(y):
        members = np.random.permutation(np.flatnonzero(y == label))
        test.extend(members[: round(test_fraction * len(members))])
    test = np.sort(np.array(test, dtype=int))
    train = np.setdiff1d(np.arange(len(y)), test)
    return train, test
