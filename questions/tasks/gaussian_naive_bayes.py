"""Gaussian naive Bayes predictions, with sklearn's variance smoothing; only unambiguous test points."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array

FUNCTION = "gaussian_nb_predict"
VAR_SMOOTHING = 1e-9
MIN_MARGIN = 1e-3
"""Test points whose two best log posteriors are closer than this are dropped: no ties, no rounding luck."""


def log_posteriors(X_train, y_train, X_test) -> tuple[np.ndarray, np.ndarray]:
    """(classes, log posterior up to a constant) with biased variances plus 1e-9 * max feature variance."""
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    y_train = np.asarray(y_train)
    classes = np.unique(y_train)
    epsilon = VAR_SMOOTHING * X_train.var(axis=0).max()
    scores = np.empty((len(X_test), len(classes)))
    for k, label in enumerate(classes):
        members = X_train[y_train == label]
        mean, var = members.mean(axis=0), members.var(axis=0) + epsilon
        log_likelihood = -0.5 * (np.log(2 * np.pi * var) + (X_test - mean) ** 2 / var).sum(axis=1)
        scores[:, k] = np.log(len(members) / len(y_train)) + log_likelihood
    return classes, scores


def reference(X_train, y_train, X_test) -> np.ndarray:
    classes, scores = log_posteriors(X_train, y_train, X_test)
    return classes[scores.argmax(axis=1)]


def unambiguous(X_train, y_train, candidates: np.ndarray) -> np.ndarray:
    """The candidate test points whose best class wins by at least MIN_MARGIN in log posterior."""
    _, scores = log_posteriors(X_train, y_train, candidates)
    top = np.sort(scores, axis=1)
    return candidates[top[:, -1] - top[:, -2] >= MIN_MARGIN]


def _predicts(X_train, y_train, X_test):
    expected = reference(X_train, y_train, X_test)
    classes = np.unique(y_train)

    def check(output) -> str | None:
        labels, problem = as_array(output, "labels", (len(X_test),))
        if problem:
            return f"{problem} (one label per test row)"
        assert labels is not None
        if not np.isfinite(labels).all():
            return "`labels` contains NaN or inf"
        unknown = sorted(set(labels.tolist()) - set(classes.tolist()))
        if unknown:
            hint = ""
            if all(v == int(v) and 0 <= v < len(classes) for v in unknown):
                hint = f": return the class labels {classes.tolist()}, not their positions (classes[argmax])"
            return f"`labels` contains {unknown[:3]}, which are not training labels{hint}"
        wrong = np.flatnonzero(labels != expected)
        if wrong.size:
            i = int(wrong[0])
            return (
                f"{wrong.size} of {len(X_test)} test points get the wrong label (first: row {i} predicted"
                f" {labels[i]:g}, expected {expected[i]:g})"
            )
        return None

    return check


def _labels(rng: np.random.Generator, k: int) -> np.ndarray:
    """Class labels that are never their own positions 0..k-1, so classes[argmax] is required."""
    return np.sort(rng.choice(np.arange(1, 20), size=k, replace=False))


def _blobs(rng: np.random.Generator):
    k, d = int(rng.integers(3, 5)), int(rng.integers(2, 5))
    labels = _labels(rng, k)
    while True:
        centres = rng.uniform(-10, 10, size=(k, d))
        gaps = np.linalg.norm(centres[:, None] - centres[None], axis=-1)[np.triu_indices(k, 1)]
        if gaps.min() > 6:
            break
    sizes = rng.integers(15, 35, size=k)
    X = np.concatenate(
        [c + rng.normal(size=(s, d)) * rng.uniform(0.5, 1.2, d) for c, s in zip(centres, sizes, strict=True)]
    )
    y = np.repeat(labels, sizes)
    order = rng.permutation(len(y))
    test = unambiguous(X, y, np.repeat(centres, 3, axis=0) + rng.normal(scale=0.5, size=(3 * k, d)))
    return X[order], y[order], test


def _priors(rng: np.random.Generator):
    """A big and a small class with similar spread: near the middle the prior decides."""
    a, b = _labels(rng, 2)
    big, small = int(rng.integers(60, 90)), int(rng.integers(6, 10))
    gap = float(rng.uniform(2.0, 3.0))
    X = np.concatenate([rng.normal(size=(big, 2)), rng.normal(size=(small, 2)) + np.array([gap, 0.0])])
    y = np.concatenate([np.full(big, a), np.full(small, b)])
    line = np.column_stack([np.linspace(-1.0, gap + 1.5, 60), rng.normal(scale=0.3, size=60)])
    order = rng.permutation(len(y))
    return X[order], y[order], unambiguous(X, y, line)


def _spread(rng: np.random.Generator, n: int, mean: float, std: float) -> np.ndarray:
    """n random points rescaled to exactly this mean and (biased) standard deviation, as a column."""
    z = rng.normal(size=n)
    return (mean + std * (z - z.mean()) / z.std())[:, None]


def _spreads(rng: np.random.Generator):
    """A tight and a wide class of few samples: the log-variance term and the biased variance both matter."""
    a, b = _labels(rng, 2)
    n_a, n_b = int(rng.integers(3, 6)), int(rng.integers(3, 6))
    X = np.concatenate([_spread(rng, n_a, float(rng.normal(scale=0.3)), 0.5), _spread(rng, n_b, 3.0, 4.0)])
    y = np.concatenate([np.full(n_a, a), np.full(n_b, b)])
    # the tight class wins only on a short interval: probe densely around it, and sparsely elsewhere
    tight = X[:n_a, 0]
    near = tight.mean() + tight.std() * rng.uniform(-5.0, 5.0, size=300)
    grid = np.sort(np.concatenate([near, rng.uniform(-8.0, 12.0, size=40)]))[:, None]
    order = rng.permutation(len(y))
    return X[order], y[order], unambiguous(X, y, grid)


def _constant_feature(rng: np.random.Generator):
    """Feature 1 is the same value for every sample of class a: its variance is only the smoothing."""
    a, b = _labels(rng, 2)
    value = float(rng.integers(-3, 4))
    n_a, n_b = int(rng.integers(10, 20)), int(rng.integers(10, 20))
    X_a = np.column_stack([rng.normal(size=n_a), np.full(n_a, value)])
    X_b = np.column_stack([rng.normal(size=n_b) + 1.0, value + rng.normal(scale=2.0, size=n_b)])
    X = np.concatenate([X_a, X_b])
    y = np.concatenate([np.full(n_a, a), np.full(n_b, b)])
    probe = np.concatenate(
        [
            np.column_stack([rng.normal(size=4), np.full(4, value)]),
            np.column_stack(
                [rng.normal(size=4) + 1.0, value + rng.choice([-1, 1], 4) * rng.uniform(0.5, 3, 4)]
            ),
        ]
    )
    return X, y, unambiguous(X, y, probe)


def _many_features(rng: np.random.Generator):
    """800 features: a product of densities underflows to 0 for every class, log densities do not."""
    a, b = _labels(rng, 2)
    d, n = 800, 25
    shift = rng.choice([-0.5, 0.5], size=d)
    X = np.concatenate([rng.normal(size=(n, d)), rng.normal(size=(n, d)) + shift])
    y = np.concatenate([np.full(n, a), np.full(n, b)])
    probe = np.concatenate([rng.normal(size=(4, d)), rng.normal(size=(4, d)) + shift])
    return X, y, unambiguous(X, y, probe)


def _far(rng: np.random.Generator, X: np.ndarray, y: np.ndarray):
    """Test points hundreds of standard deviations from every class: each density underflows to 0."""
    directions = rng.normal(size=(6, X.shape[1]))
    far = X.mean(axis=0) + 300.0 * directions / np.linalg.norm(directions, axis=1, keepdims=True)
    return X, y, unambiguous(X, y, far)


def cases(rng: np.random.Generator) -> list[Case]:
    blobs, priors, spreads = _blobs(rng), _priors(rng), _spreads(rng)
    far = _far(rng, *blobs[:2])
    constant, wide = _constant_feature(rng), _many_features(rng)
    return [
        Case(
            "well-separated classes: one label per test row, from y_train",
            "required",
            blobs,
            _predicts(*blobs),
        ),
        Case(
            "a large and a small class: the class prior decides near the boundary",
            "required",
            priors,
            _predicts(*priors),
        ),
        Case(
            "a tight and a wide class with few samples each",
            "required",
            spreads,
            _predicts(*spreads),
        ),
        Case(
            "a feature with zero variance within a class",
            "required",
            constant,
            _predicts(*constant),
            forbid_warnings=True,
        ),
        Case(
            "800 features: densities multiplied together underflow",
            "required",
            wide,
            _predicts(*wide),
            forbid_warnings=True,
        ),
        Case(
            "test points far from every class, where every density underflows to 0",
            "edge",
            far,
            _predicts(*far),
            followup="Why do naive Bayes implementations add log densities instead of multiplying them, and "
            "why does sklearn add 1e-9 times the largest feature variance rather than a fixed 1e-9?",
        ),
    ]
