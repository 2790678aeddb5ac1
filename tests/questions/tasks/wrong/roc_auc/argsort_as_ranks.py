"""Uses np.argsort(scores) as the ranks; argsort gives the sorting order, not each item's rank."""

import numpy as np


def roc_auc(y_true, scores):
    ranks = np.argsort(scores) + 1
    n_pos = np.sum(y_true == 1)
    n_neg = len(y_true) - n_pos
    return (ranks[y_true == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
