"""Takes the population standard deviation (ddof=0) of the bootstrap means instead of ddof=1."""

import numpy as np


def bootstrap_se(x, resample_indices):
    x = np.asarray(x, dtype=float)
    means = x[np.asarray(resample_indices)].mean(axis=1)
    return float(np.std(means))
