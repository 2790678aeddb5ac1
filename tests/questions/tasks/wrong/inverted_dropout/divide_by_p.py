"""Treats p as the keep probability: divides by p instead of by 1 - p."""

import numpy as np


def dropout_forward(x, keep_mask, p):
    x = np.asarray(x, dtype=float)
    if p == 0:
        return x
    return x * keep_mask / p
