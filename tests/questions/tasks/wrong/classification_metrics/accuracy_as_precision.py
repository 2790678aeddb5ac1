"""Counts true negatives as hits, so "precision" is really accuracy."""

import numpy as np


def classification_metrics(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    precision = float(np.mean(y_true == y_pred))
    tp = np.sum((y_true == 1) & (y_pred == 1))
    recall = float(tp / max(np.sum(y_true == 1), 1))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
