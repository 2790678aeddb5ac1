"""Sums squared differences over the wrong axis, so points go to the wrong centroids."""

import numpy as np


def kmeans(X, k, max_iters=100, init=None):
    X = np.asarray(X, dtype=float)
    centroids = X[:k].copy() if init is None else np.array(init, dtype=float)
    for _ in range(max_iters):
        distances = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=0)
        labels = np.resize(distances.argmin(axis=1), len(X))
        new = np.array([X[labels == j].mean(0) if np.any(labels == j) else centroids[j] for j in range(k)])
        if np.allclose(new, centroids):
            break
        centroids = new
    return labels, centroids
