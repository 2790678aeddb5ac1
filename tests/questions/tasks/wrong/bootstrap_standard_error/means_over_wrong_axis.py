"""Averages over axis 0, so it gets one mean per position across resamples instead of one per resample."""

import numpy as np


def bootstrap_se(x, resample_indices):
    x = np.asarray(x, dtype=float)
    means = x[np.asarray(resample_indices)].mean(axis=0)
    return float(np.std(means, ddof=1))
