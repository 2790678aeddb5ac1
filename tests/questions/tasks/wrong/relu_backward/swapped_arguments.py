"""Reads the arguments as (x, dout), so it masks x by the sign of dout."""

import numpy as np


def relu_backward(x, dout):
    return np.asarray(dout, dtype=float) * (np.asarray(x) > 0)
