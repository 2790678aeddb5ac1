"""Returns the spread of all resampled values, a standard deviation of x, not of the resample means."""

import numpy as np


def bootstrap_se(x, resample_indices):
    x = np.asarray(x, dtype=float)
    return float(np.std(x[np.asarray(resample_indices)], ddof=1))
