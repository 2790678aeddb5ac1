"""Counts pairs where the negative outscores the positive, which gives 1 - AUC."""

import numpy as np


def roc_auc(y_true, scores):
    pos = scores[y_true == 1]
    neg = scores[y_true == 0]
    wins = np.sum(neg[:, None] > pos[None, :]) + 0.5 * np.sum(neg[:, None] == pos[None, :])
    return wins / (len(pos) * len(neg))
