"""Returns NaN for every metric as soon as any denominator is 0, even for a ratio that is defined."""

import numpy as np


def classification_metrics(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true).ravel() == 1, np.asarray(y_pred).ravel() == 1
    tp = int(np.sum(y_true & y_pred))
    fp = int(np.sum(~y_true & y_pred))
    fn = int(np.sum(y_true & ~y_pred))
    if tp + fp == 0 or tp + fn == 0:
        return {"precision": float("nan"), "recall": float("nan"), "f1": float("nan")}
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return {"precision": precision, "recall": recall, "f1": 2 * tp / (2 * tp + fp + fn)}
