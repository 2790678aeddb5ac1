"""Reverses an ascending argsort, which ranks tied items with the higher index first."""

import numpy as np


def ndcg_at_k(relevance, scores, k):
    relevance = np.asarray(relevance, dtype=float)
    k = min(k, len(scores))
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    ranked = np.argsort(np.asarray(scores), kind="stable")[::-1][:k]
    dcg = float(np.sum((2.0 ** relevance[ranked] - 1) * discounts))
    idcg = float(np.sum((2.0 ** np.sort(relevance)[::-1][:k] - 1) * discounts))
    return dcg / idcg if idcg > 0 else 0.0
