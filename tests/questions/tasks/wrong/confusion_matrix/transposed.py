"""Puts the predicted class on the rows and the true class on the columns."""

import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred, strict=True):
        matrix[p, t] += 1
    return matrix
