"""Subtracts in the wrong order, (f(x - eps) - f(x + eps)) / (2 * eps), which flips the gradient's sign."""

import numpy as np


def numerical_gradient(coefficients, x, eps=1e-5):
    a, b = coefficients["a"], coefficients["b"]

    def f(z):
        return np.sum(a * z**3 + b * np.sin(z))

    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += eps
        minus[i] -= eps
        grad[i] = (f(minus) - f(plus)) / (2 * eps)
    return grad
