"""Drops the max(z, 0) term of the stable formula, keeping only -z*y + log1p(exp(-|z|))."""

import numpy as np


def bce_with_logits(logits, targets):
    z, y = np.asarray(logits, dtype=float), np.asarray(targets, dtype=float)
    return float(np.mean(-z * y + np.log1p(np.exp(-np.abs(z)))))
