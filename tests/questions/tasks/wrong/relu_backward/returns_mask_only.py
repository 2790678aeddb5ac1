"""Returns the local derivative (x > 0) without multiplying by the upstream gradient dout."""

import numpy as np


def relu_backward(dout, x):
    return (np.asarray(x) > 0).astype(float)
