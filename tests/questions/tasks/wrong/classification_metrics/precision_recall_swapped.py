"""Divides by the actual positives for precision and by the predicted positives for recall."""

import numpy as np


def classification_metrics(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    tp = np.sum((y_true == 1) & (y_pred == 1))
    precision = tp / max(np.sum(y_true == 1), 1)
    recall = tp / max(np.sum(y_pred == 1), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": float(precision), "recall": float(recall), "f1": float(f1)}
