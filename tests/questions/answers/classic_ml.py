"""Independent computations of static numeric answers on classic ML (trees, clustering): id -> value."""

from __future__ import annotations

import numpy as np


def _lloyd_inertia(points: list[float], centroids: list[float]) -> float:
    """Run Lloyd's k-means in 1-D until the assignment stops changing; return the final inertia."""
    x, mu = np.array(points), np.array(centroids, dtype=float)
    previous = None
    while True:
        labels = np.argmin(np.abs(x[:, None] - mu[None, :]), axis=1)
        if previous is not None and np.array_equal(labels, previous):
            return float(((x - mu[labels]) ** 2).sum())
        mu = np.array([x[labels == j].mean() for j in range(len(mu))])
        previous = labels


EXPECTED = {
    "kmeans-run-to-convergence": lambda: _lloyd_inertia([1, 2, 3, 8, 9, 15], [2, 3]),
}
