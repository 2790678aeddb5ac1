"""Uses the median of each cluster (k-medians), which is not Lloyd's mean update."""

import numpy as np


def kmeans(X, k, max_iters=100, init=None):
    X = np.asarray(X, dtype=float)
    centroids = X[np.random.default_rng(1).choice(len(X), k, replace=False)] if init is None else init
    for _ in range(max_iters):
        labels = ((X[:, None] - centroids[None]) ** 2).sum(-1).argmin(1)
        new = np.array(
            [np.median(X[labels == j], 0) if np.any(labels == j) else centroids[j] for j in range(k)]
        )
        if np.allclose(new, centroids):
            break
        centroids = new
    labels = ((X[:, None] - centroids[None]) ** 2).sum(-1).argmin(1)
    return labels, centroids
