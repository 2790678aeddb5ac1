"""Divides the std of the bootstrap means by sqrt(B), as if it were the standard error of their average."""

import numpy as np


def bootstrap_se(x, resample_indices):
    x = np.asarray(x, dtype=float)
    means = x[np.asarray(resample_indices)].mean(axis=1)
    return float(np.std(means, ddof=1) / np.sqrt(len(means)))
