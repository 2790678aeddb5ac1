"""Divides the mean squared error by the sample variance (ddof=1), mixing n and n - 1 denominators."""

import numpy as np


def r2_score(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    mse = np.mean((y_true - y_pred) ** 2)
    var = np.var(y_true, ddof=1)
    if var == 0:
        return 1.0 if mse == 0 else 0.0
    return float(1 - mse / var)
