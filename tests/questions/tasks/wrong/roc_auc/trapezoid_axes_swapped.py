"""Integrates the ROC curve with np.trapz(fpr, tpr): x and y swapped, which gives 1 - AUC."""

import numpy as np


def roc_auc(y_true, scores):
    order = np.argsort(-scores)
    y = y_true[order]
    tpr = np.concatenate([[0.0], np.cumsum(y) / y.sum()])
    fpr = np.concatenate([[0.0], np.cumsum(1 - y) / (1 - y).sum()])
    return float(np.trapz(fpr, tpr))
