"""Forgets the output layer's bias b2."""

import numpy as np


def nn_forward(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = parameters["W2"] @ A1
    A2 = np.exp(-np.logaddexp(0, -Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
