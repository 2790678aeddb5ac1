"""Returns the mean log-likelihood y log p + (1 - y) log(1 - p) without the leading minus sign."""

import numpy as np


def bce_with_logits(logits, targets):
    z, y = np.asarray(logits, dtype=float), np.asarray(targets, dtype=float)
    p = np.clip(1 / (1 + np.exp(-z)), 1e-12, 1 - 1e-12)
    return float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
