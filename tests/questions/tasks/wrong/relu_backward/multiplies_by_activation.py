"""Multiplies dout by the forward output max(x, 0) instead of by the derivative 1[x > 0]."""

import numpy as np


def relu_backward(dout, x):
    return np.asarray(dout, dtype=float) * np.maximum(np.asarray(x, dtype=float), 0)
