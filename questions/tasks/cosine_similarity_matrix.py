"""Pairwise cosine similarity of the rows of A (n, d) and B (m, d); a zero row has similarity 0."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, close_to

FUNCTION = "cosine_similarity"


def reference(A, B) -> np.ndarray:
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    norm_a = np.linalg.norm(A, axis=1, keepdims=True)
    norm_b = np.linalg.norm(B, axis=1, keepdims=True)
    A_unit = np.divide(A, norm_a, out=np.zeros_like(A), where=norm_a > 0)
    B_unit = np.divide(B, norm_b, out=np.zeros_like(B), where=norm_b > 0)
    return A_unit @ B_unit.T


def _similarity(A, B):
    expected = reference(A, B)

    def check(output) -> str | None:
        array, problem = as_array(output, "similarity", expected.shape)
        if problem:
            return problem + " (entry [i, j] compares row i of A with row j of B)"
        assert array is not None
        if not np.isfinite(array).all():
            return "`similarity` contains NaN or inf (a zero row has norm 0: its similarity is defined as 0)"
        return close_to(array, expected, "similarity", scale=1.0)

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    d = int(rng.integers(3, 7))
    n = int(rng.integers(3, 7))
    m = n + int(rng.integers(1, 4))
    A = rng.normal(size=(n, d))
    B = rng.normal(size=(m, d))

    n2, m2 = int(rng.integers(4, 8)), int(rng.integers(2, 4))
    A2 = rng.normal(size=(n2, d)) * rng.uniform(0.1, 100, size=(n2, 1))
    B2 = rng.normal(size=(m2, d)) * rng.uniform(0.1, 100, size=(m2, 1))

    single = rng.normal(size=(1, d))

    A4 = rng.normal(size=(int(rng.integers(3, 6)), d))
    B4 = rng.normal(size=(int(rng.integers(3, 6)), d))
    A4[int(rng.integers(0, len(A4)))] = 0.0
    B4[int(rng.integers(0, len(B4)))] = 0.0

    return [
        Case("an (n, m) matrix of cosine similarities", "required", (A, B), _similarity(A, B)),
        Case(
            "rows of very different lengths: only directions matter",
            "required",
            (A2, B2),
            _similarity(A2, B2),
        ),
        Case("a single query row against many", "required", (single, B), _similarity(single, B)),
        Case(
            "a zero row gives similarity 0, with no NaN or warnings",
            "required",
            (A4, B4),
            _similarity(A4, B4),
            forbid_warnings=True,
        ),
        Case(
            "A and B as nested Python lists",
            "edge",
            (A.tolist(), B.tolist()),
            _similarity(A, B),
            followup="Cosine similarity divides by the norms. What should it be for an all-zero vector, how "
            "do you avoid the 0/0, and what does A / norms do if A is a list?",
        ),
    ]
