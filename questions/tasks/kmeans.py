"""k-means: Lloyd's fixed point for any init, and from a given init the inertia of a reference run."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import (
    Case,
    allowed_error,
    as_array,
    close_to,
    distinct_digits,
    first_problem,
    within,
)

FUNCTION = "kmeans"
MAX_ITERS = 300


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
    assert labels is not None and centroids is not None
    if not np.all(np.isfinite(centroids)):
        return None, None, "`centroids` contains NaN or inf (an empty cluster?)"
    if not np.all((labels == np.round(labels)) & (labels >= 0) & (labels < k)):
        return None, None, f"`labels` must be integers in 0..{k - 1}"
    return labels.astype(int), centroids, None


def _squared_distances(X: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    return ((X[:, None, :] - centroids[None, :, :].astype(float)) ** 2).sum(-1)


def _nearest_problem(X: np.ndarray, labels: np.ndarray, centroids: np.ndarray) -> str | None:
    distances = _squared_distances(X, centroids)
    assigned = distances[np.arange(len(X)), labels]
    sizes = (X**2).sum(1) + (centroids.astype(float) ** 2).sum(1).max()
    slack = allowed_error(centroids, distances.min(1), rtol=0.0, atol=1e-7, scale=sizes)
    worse = np.flatnonzero(assigned > distances.min(1) + slack)
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
        if not within(centroids[cluster], mean, rtol=1e-5, atol=1e-6, scale=np.abs(X).max()):
            got = np.round(centroids[cluster].astype(float), 6).tolist()
            return (
                f"centroid {cluster} is not the mean of its points (expected {np.round(mean, 6).tolist()},"
                f" got {got}): did it stop before converging?"
            )
    return None


def lloyd(X: np.ndarray, init: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """Lloyd's algorithm from init: (labels, centroids, whether every cluster kept a point throughout)."""
    centroids, labels = init.astype(float), None
    for _ in range(MAX_ITERS):
        new_labels = _squared_distances(X, centroids).argmin(1)
        if labels is not None and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        if len(np.unique(labels)) < len(init):
            return labels, centroids, False
        centroids = np.array([X[labels == j].mean(0) for j in range(len(init))])
    assert labels is not None  # MAX_ITERS > 0
    return labels, centroids, True


def inertia(X: np.ndarray, labels: np.ndarray, centroids: np.ndarray) -> float:
    return float(_squared_distances(X, centroids)[np.arange(len(X)), labels].sum())


def _fixed_point(X: np.ndarray, k: int):
    def check(output) -> str | None:
        labels, centroids, problem = _shape_problem(output, len(X), k, X.shape[1])
        if problem:
            return problem
        assert labels is not None and centroids is not None
        return first_problem(_nearest_problem(X, labels, centroids), _mean_problem(X, labels, centroids))

    return check


def _from_init(X: np.ndarray, init: np.ndarray):
    """Any correct Lloyd run from this init ends where the reference run does: compare the inertia."""
    reference_labels, reference_centroids, _ = lloyd(X, init)
    best = inertia(X, reference_labels, reference_centroids)

    def check(output) -> str | None:
        labels, centroids, problem = _shape_problem(output, len(X), len(init), X.shape[1])
        if problem:
            return problem
        assert labels is not None and centroids is not None
        got = inertia(X, labels, centroids)
        if got <= best + allowed_error(centroids, best):
            return first_problem(
                _nearest_problem(X, labels, centroids),
                _mean_problem(X, labels, centroids),
                _order_problem(centroids, reference_centroids),
            )
        want, have = distinct_digits(best, got)
        return (
            f"inertia (the sum of squared distances to the assigned centroids) is {have}, but Lloyd's"
            f" algorithm started from `init` reaches {want}: start centroid j at init[j] and iterate"
            " until the assignments stop changing"
        )

    return check


def _order_problem(centroids: np.ndarray, expected: np.ndarray) -> str | None:
    problem = close_to(centroids, expected, "centroids", rtol=1e-5, atol=1e-6)
    return f"{problem}: centroid j must be the one that started at init[j]" if problem else None


def _init(rng: np.random.Generator, X: np.ndarray, k: int) -> np.ndarray:
    """k data points from which Lloyd's algorithm needs several steps, never empties a cluster, and ends
    well below the inertia of one cluster at the mean (so parking centroids far away cannot pass)."""
    spread = float(((X - X.mean(0)) ** 2).sum())
    for _ in range(1000):
        init = X[rng.choice(len(X), size=k, replace=False)]
        labels, centroids, kept = lloyd(X, init)
        moved = not np.array_equal(labels, _squared_distances(X, init).argmin(1))
        if kept and moved and inertia(X, labels, centroids) < 0.5 * spread:
            return init
    raise RuntimeError("could not draw an init for k-means")


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
    k3 = int(rng.integers(3, 5))
    X3 = _blobs(rng, k3, int(rng.integers(15, 25)), 2)
    init = _init(rng, X3, k3)
    return [
        Case("returns labels (n,) and centroids (k, d)", "required", (X, k), _shapes(X, k)),
        Case(
            "converges: every point sits with its nearest centroid, every centroid is its points' mean",
            "required",
            (X, k, MAX_ITERS),
            _fixed_point(X, k),
        ),
        Case("converges on a second data set", "required", (X2, 3, MAX_ITERS), _fixed_point(X2, 3)),
        Case("k = 1 gives the overall mean", "required", (X, 1), _fixed_point(X, 1)),
        Case(
            "started from the given init: the same clustering as Lloyd's algorithm from that init",
            "required",
            (X3, k3, MAX_ITERS, init),
            _from_init(X3, init),
        ),
        Case(
            "an empty cluster does not produce NaN centroids",
            "edge",
            (duplicates, 3, MAX_ITERS),
            _fixed_point(duplicates, 3),
            followup="What should happen when a cluster loses all its points, and how would you re-seed it?",
        ),
        Case(
            "integer input still gives float means",
            "edge",
            (ints, 2, MAX_ITERS),
            _fixed_point(ints.astype(float), 2),
            followup="What goes wrong if you keep the input's integer dtype for the centroids?",
        ),
    ]
