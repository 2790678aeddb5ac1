"""Masks on the sign of dout instead of the sign of the forward input x."""

import numpy as np


def relu_backward(dout, x):
    dout = np.asarray(dout, dtype=float)
    return dout * (dout > 0)
