"""Independent computations of the static numeric answers of the linear-algebra / optimisation questions."""

from __future__ import annotations

import numpy as np


def _max_stable_learning_rate() -> float:
    """Largest η with |1 − ηλ| < 1 for every eigenvalue λ of the quadratic's Hessian, found by iterating."""
    a = np.array([[3.0, 1.0], [1.0, 3.0]])
    lam_max = float(np.max(np.abs(np.linalg.eigvals(a))))
    # confirm the closed form by running gradient descent just below and just above 2 / λ_max
    for eta, should_converge in ((2 / lam_max - 1e-3, True), (2 / lam_max + 1e-3, False)):
        w = np.array([1.0, 0.3])
        for _ in range(20_000):
            w = w - eta * (a @ w)
        assert (np.linalg.norm(w) < 1e-3) == should_converge
    return 2 / lam_max


def _mahalanobis() -> float:
    cov = np.array([[1.0, 0.8], [0.8, 1.0]])
    diff = np.array([1.0, -1.0]) - np.zeros(2)
    return float(np.sqrt(diff @ np.linalg.solve(cov, diff)))


def _rank1_frobenius_error() -> float:
    m = np.array([[3.0, 0.0], [4.0, 5.0]])
    u, s, vt = np.linalg.svd(m)
    best_rank1 = s[0] * np.outer(u[:, 0], vt[0])
    return float(np.linalg.norm(m - best_rank1, "fro"))


EXPECTED = {
    "gd-max-stable-learning-rate": _max_stable_learning_rate,
    "mahalanobis-distance": _mahalanobis,
    "eckart-young-rank1-error": _rank1_frobenius_error,
}
