"""Uses the one-sided difference (f(x + eps) - f(x)) / eps, which is only O(eps) accurate."""

import numpy as np


def numerical_gradient(coefficients, x, eps=1e-5):
    a, b = coefficients["a"], coefficients["b"]

    def f(z):
        return np.sum(a * z**3 + b * np.sin(z))

    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    base = f(x)
    for i in np.ndindex(x.shape):
        shifted = x.copy()
        shifted[i] += eps
        grad[i] = (f(shifted) - base) / eps
    return grad
