"""k-means: checked by Lloyd's fixed point, never by one particular clustering (inits differ)."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, first_problem

FUNCTION = "kmeans"


def _blobs(rng: np.random.Generator, k: int, per: int, d: int) -> np.ndarray:
    centres = rng.uniform(-10, 10, size=(k, d))
    return np.concatenate([c + rng.normal(scale=0.8, size=(per, d)) for c in centres])


def _shape_problem(output, n: int, k: int, d: int) -> tuple[np.ndarray | None, np.ndarray | None, str | None]:
    if not isinstance(output, tuple | list) or len(output) != 2:
        return None, None, "return a tuple (labels, centroids)"
    labels, problem = as_array(output[0], "labels", (n,))
    if problem:
        return None, None, problem
    centroids, problem = as_array(output[1], "centroids", (k, d))
    if problem:
        return None, None, problem
    if not np.all(np.isfinite(centroids)):
        return None, None, "`centroids` contains NaN or inf (an empty cluster?)"
    if not np.all((labels == np.round(labels)) & (labels >= 0) & (labels < k)):
        return None, None, f"`labels` must be integers in 0..{k - 1}"
    return labels.astype(int), centroids, None


def _nearest_problem(X: np.ndarray, labels: np.ndarray, centroids: np.ndarray) -> str | None:
    distances = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(-1)
    assigned = distances[np.arange(len(X)), labels]
    worse = np.flatnonzero(assigned > distances.min(1) + 1e-7)
    if worse.size:
        i = int(worse[0])
        return (
            f"point {i} is labelled {labels[i]} but centroid {int(distances[i].argmin())} is nearer:"
            " labels must match the returned centroids"
        )
    return None


def _mean_problem(X: np.ndarray, labels: np.ndarray, centroids: np.ndarray) -> str | None:
    for cluster in np.unique(labels):
        mean = X[labels == cluster].mean(0)
        if not np.allclose(mean, centroids[cluster], atol=1e-6):
            return (
                f"centroid {cluster} is not the mean of its points (expected "
                f"{np.round(mean, 4).tolist()}, got {np.round(centroids[cluster], 4).tolist()}):"
                " did it stop before converging?"
            )
    return None


def _fixed_point(X: np.ndarray, k: int):
    def check(output) -> str | None:
        labels, centroids, problem = _shape_problem(output, len(X), k, X.shape[1])
        if problem:
            return problem
        return first_problem(_nearest_problem(X, labels, centroids), _mean_problem(X, labels, centroids))

    return check


def _shapes(X: np.ndarray, k: int):
    def check(output) -> str | None:
        return _shape_problem(output, len(X), k, X.shape[1])[2]

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    k = int(rng.integers(2, 5))
    X = _blobs(rng, k, int(rng.integers(15, 30)), int(rng.integers(2, 4)))
    X2 = _blobs(rng, 3, 20, 2)
    duplicates = np.vstack([np.zeros((10, 2)), [[5.0, 5.0]]]) + rng.integers(-3, 4)
    ints = rng.integers(0, 20, size=(30, 2))
    return [
        Case("returns labels (n,) and centroids (k, d)", "required", (X, k), _shapes(X, k)),
        Case(
            "converges: every point sits with its nearest centroid, every centroid is its points' mean",
            "required",
            (X, k, 300),
            _fixed_point(X, k),
        ),
        Case("converges on a second data set", "required", (X2, 3, 300), _fixed_point(X2, 3)),
        Case("k = 1 gives the overall mean", "required", (X, 1), _fixed_point(X, 1)),
        Case(
            "an empty cluster does not produce NaN centroids",
            "edge",
            (duplicates, 3, 300),
            _fixed_point(duplicates, 3),
            followup="What should happen when a cluster loses all its points, and how would you re-seed it?",
        ),
        Case(
            "integer input still gives float means",
            "edge",
            (ints, 2, 300),
            _fixed_point(ints.astype(float), 2),
            followup="What goes wrong if you keep the input's integer dtype for the centroids?",
        ),
    ]
