"""Multiplies by the keep probability (the test-time rule of classic dropout) instead of dividing."""

import numpy as np


def dropout_forward(x, keep_mask, p):
    return np.asarray(x, dtype=float) * keep_mask * (1 - p)
