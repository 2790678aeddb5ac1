"""PCA: the top-k principal directions (compared up to sign) and the centred data projected onto them."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, allowed_error, as_array, within

FUNCTION = "pca"
TOL = 1e-6


def reference(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    centred = X - X.mean(axis=0)
    components = np.linalg.svd(centred, full_matrices=False)[2][:k]
    return components, centred @ components.T


def _unpack(output, n: int, d: int, k: int) -> tuple[np.ndarray | None, np.ndarray | None, str | None]:
    if not isinstance(output, tuple | list) or len(output) != 2:
        return None, None, "return a tuple (components, projected)"
    components, problem = as_array(output[0], "components", (k, d))
    if problem:
        return None, None, problem + " (one component per row)"
    projected, problem = as_array(output[1], "projected", (n, k))
    if problem:
        return None, None, problem
    return components, projected, None


def _orthonormal_problem(components: np.ndarray, tol: float) -> str | None:
    norms = np.linalg.norm(components, axis=1)
    bad = np.flatnonzero(np.abs(norms - 1) > tol)
    if bad.size:
        return f"component {int(bad[0])} has length {norms[bad[0]]:.6g}; every row must be a unit vector"
    gram = components @ components.T
    off = np.abs(gram - np.eye(len(components)))
    if off.max() > tol:
        i, j = np.unravel_index(int(off.argmax()), off.shape)
        return f"components {i} and {j} are not orthogonal (dot product {gram[i, j]:.6g})"
    return None


def _direction_problem(
    components: np.ndarray, expected: np.ndarray, all_directions: np.ndarray, tol: float
) -> str | None:
    for i, (got, want) in enumerate(zip(components, expected, strict=True)):
        if min(np.abs(got - want).max(), np.abs(got + want).max()) <= tol:
            continue
        overlaps = np.abs(all_directions @ got)
        j = int(overlaps.argmax())
        if j != i and overlaps[j] > 1 - tol:
            return (
                f"component {i} is the principal direction with the {_ordinal(j + 1)} largest variance:"
                " order the components by explained variance, largest first"
            )
        sign = 1.0 if got @ want >= 0 else -1.0
        return (
            f"component {i} is not the {_ordinal(i + 1)} principal direction (up to sign): expected"
            f" {np.round(sign * want, 4).tolist()}, got {np.round(got.astype(float), 4).tolist()}"
            f" (largest difference {np.abs(got - sign * want).max():.2g})"
        )
    return None


def _ordinal(i: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(i, f"{i}th")


def _check(X: np.ndarray, k: int, parts: tuple[str, ...]):
    n, d = X.shape
    expected, expected_projected = reference(X, k)
    all_directions = reference(X, d)[0]
    # a direction is off by about eps·λ₁ / (the smallest gap between the top k + 1 variances)
    variances = np.linalg.svd(X - X.mean(axis=0), compute_uv=False) ** 2
    gaps = -np.diff(np.append(variances, 0.0))[:k]
    sensitivity = float(variances[0] / gaps.min()) * (
        1.0 + float(np.abs(X.mean(axis=0)).max() / np.sqrt(variances[0] / n))
    )

    def check(output) -> str | None:
        components, projected, problem = _unpack(output, n, d, k)
        if problem or not parts:
            return problem
        assert components is not None and projected is not None
        unit = float(allowed_error(components, 0.0, rtol=0.0, atol=TOL, scale=1.0))
        problem = _orthonormal_problem(components, unit)
        if problem or parts == ("orthonormal",):
            return problem
        tol = float(allowed_error(components, 0.0, rtol=0.0, atol=TOL, scale=sensitivity))
        problem = _direction_problem(components, expected, all_directions, tol)
        if problem or "projected" not in parts:
            return problem
        signs = np.sign(np.sum(components * expected, axis=1))
        want = expected_projected * signs
        scale = max(1.0, float(np.abs(want).max()))
        if within(projected, want, rtol=TOL, atol=TOL * scale, scale=scale * sensitivity):
            return None
        i, j = np.unravel_index(int(np.abs(projected - want).argmax()), want.shape)
        return (
            f"`projected` is off at row {i}, column {j}: expected {want[i, j]:.6g}, got {projected[i, j]:.6g}"
            " (it should be the centred X times your components, transposed)"
        )

    return check


def _data(rng: np.random.Generator, n: int, d: int, offset: float) -> np.ndarray:
    scales = 6.0 * 0.6 ** np.arange(d) * rng.uniform(0.95, 1.05, d)
    rotation = np.linalg.qr(rng.normal(size=(d, d)))[0]
    return (rng.normal(size=(n, d)) * scales) @ rotation.T + rng.uniform(3.0, 8.0, d) + offset


def cases(rng: np.random.Generator) -> list[Case]:
    d = int(rng.integers(3, 7))
    k = int(rng.integers(2, d))
    X = _data(rng, int(rng.integers(80, 150)), d, 0.0)
    X2 = _data(rng, int(rng.integers(60, 120)), int(rng.integers(3, 6)), 0.0)
    square = _data(rng, int(rng.integers(60, 120)), int(rng.integers(2, 5)), 0.0)
    far = _data(rng, int(rng.integers(80, 150)), int(rng.integers(3, 5)), 1e6)
    return [
        Case("returns components (k, d) and projected (n, k)", "required", (X, k), _check(X, k, ())),
        Case("components are orthonormal rows", "required", (X, k), _check(X, k, ("orthonormal",))),
        Case(
            "components are the top-k principal directions, largest variance first (up to sign)",
            "required",
            (X, k),
            _check(X, k, ("directions",)),
        ),
        Case(
            "projected is the centred data projected onto the components",
            "required",
            (X, k),
            _check(X, k, ("directions", "projected")),
        ),
        Case("k = 1 on another data set", "required", (X2, 1), _check(X2, 1, ("directions", "projected"))),
        Case(
            "k == d: a full rotation of the centred data",
            "edge",
            (square, square.shape[1]),
            _check(square, square.shape[1], ("directions", "projected")),
            followup="With k = d, what does PCA do to the centred data, and what does it preserve?",
        ),
        Case(
            "data far from the origin (mean around 10⁶)",
            "edge",
            (far, 2),
            _check(far, 2, ("directions", "projected")),
            followup="Why is Cov = E[xxᵀ] − μμᵀ inaccurate when the mean is large, and how do you avoid it?",
        ),
    ]
