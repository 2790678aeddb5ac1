"""Ranks by ascending score, putting the model's least likely items first."""

import numpy as np


def ndcg_at_k(relevance, scores, k):
    relevance = np.asarray(relevance, dtype=float)
    k = min(k, len(scores))
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    ranked = np.argsort(np.asarray(scores), kind="stable")[:k]
    dcg = float(np.sum((2.0 ** relevance[ranked] - 1) * discounts))
    idcg = float(np.sum((2.0 ** np.sort(relevance)[::-1][:k] - 1) * discounts))
    return dcg / idcg if idcg > 0 else 0.0
