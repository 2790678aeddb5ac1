"""Builds the matrix with np.zeros' default float dtype, so it returns float counts."""

import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    matrix = np.zeros((n_classes, n_classes))
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix
