"""Fits y ≈ X @ w with no column of ones and returns b = 0."""

import numpy as np


def fit_linear_regression(X, y):
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    return w, 0.0
