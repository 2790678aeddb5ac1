"""Uses the relevance itself as the gain instead of 2^rel - 1."""

import numpy as np


def ndcg_at_k(relevance, scores, k):
    relevance = np.asarray(relevance, dtype=float)
    k = min(k, len(scores))
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    ranked = np.argsort(-np.asarray(scores), kind="stable")[:k]
    idcg = float(np.sum(np.sort(relevance)[::-1][:k] * discounts))
    return float(np.sum(relevance[ranked] * discounts)) / idcg if idcg > 0 else 0.0
