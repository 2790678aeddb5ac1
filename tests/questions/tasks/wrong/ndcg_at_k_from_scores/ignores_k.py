"""Scores the whole ranking, ignoring the cutoff k."""

import numpy as np


def ndcg_at_k(relevance, scores, k):
    relevance = np.asarray(relevance, dtype=float)
    discounts = 1.0 / np.log2(np.arange(2, len(relevance) + 2))
    ranked = np.argsort(-np.asarray(scores), kind="stable")
    dcg = float(np.sum((2.0 ** relevance[ranked] - 1) * discounts))
    idcg = float(np.sum((2.0 ** np.sort(relevance)[::-1] - 1) * discounts))
    return dcg / idcg if idcg > 0 else 0.0
