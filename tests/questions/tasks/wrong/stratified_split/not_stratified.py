"""Shuffles all indices together and cuts once, so class proportions are only right on average."""

import numpy as np


def stratified_split(y, test_fraction, seed):
    n = len(y)
    order = np.random.default_rng(seed).permutation(n)
    n_test = round(test_fraction * n)
    return np.sort(order[n_test:]), np.sort(order[:n_test])
