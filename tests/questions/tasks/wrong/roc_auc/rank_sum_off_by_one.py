"""Mann-Whitney from the rank sum, subtracting n_pos(n_pos - 1)/2 instead of n_pos(n_pos + 1)/2."""

import numpy as np


def roc_auc(y_true, scores):
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    n_pos = np.sum(y_true == 1)
    n_neg = len(y_true) - n_pos
    rank_sum = ranks[y_true == 1].sum()
    return (rank_sum - n_pos * (n_pos - 1) / 2) / (n_pos * n_neg)
