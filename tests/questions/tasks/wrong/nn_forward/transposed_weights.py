"""Treats X as (examples, features): multiplies X.T by W.T and returns the transposed output."""

import numpy as np


def nn_forward(X, parameters):
    Z1 = X.T @ parameters["W1"].T + parameters["b1"].T
    A1 = np.maximum(0, Z1)
    Z2 = A1 @ parameters["W2"].T + parameters["b2"].T
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
