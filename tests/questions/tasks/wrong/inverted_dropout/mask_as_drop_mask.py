"""Reads keep_mask as a drop mask: zeroes the units marked 1 and keeps the ones marked 0."""

import numpy as np


def dropout_forward(x, keep_mask, p):
    keep_mask = np.asarray(keep_mask, dtype=float)
    return np.asarray(x, dtype=float) * (1 - keep_mask) / (1 - p)
