"""One-hot encoding into an (n, n_classes) float array; out-of-range labels give an all-zero row."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array

FUNCTION = "one_hot"


def reference(labels, n_classes: int) -> np.ndarray:
    labels = np.asarray(labels, dtype=int).reshape(-1)
    out = np.zeros((len(labels), n_classes))
    valid = (labels >= 0) & (labels < n_classes)
    out[np.flatnonzero(valid), labels[valid]] = 1.0
    return out


def _encoded(labels, n_classes: int):
    expected = reference(labels, n_classes)
    flat = np.asarray(labels, dtype=int).reshape(-1)

    def check(output) -> str | None:
        array, problem = as_array(output, "one-hot", expected.shape)
        if problem:
            return problem + " (one row per label, one column per class)"
        assert array is not None
        wrong = np.flatnonzero(~np.all(array == expected, axis=1))
        if wrong.size == 0:
            return None
        i = int(wrong[0])
        label = int(flat[i])
        if 0 <= label < n_classes:
            what = f"label {label} should give a 1 in column {label} and 0 elsewhere"
        else:
            what = f"label {label} is outside 0..{n_classes - 1} and should give an all-zero row"
        return f"row {i}: {what}; got {np.array2string(array[i], precision=3, separator=', ')}"

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    k = int(rng.integers(4, 8))
    n = int(rng.integers(10, 20))
    missing_top = rng.integers(0, k - 1, size=n)
    missing_top[0] = 0

    k2 = int(rng.integers(3, 6))
    every = rng.permutation(
        np.concatenate([np.arange(k2), rng.integers(0, k2, size=int(rng.integers(5, 12)))])
    )

    k3 = int(rng.integers(3, 6))
    as_list = rng.integers(0, k3, size=int(rng.integers(6, 12))).tolist()

    k4 = int(rng.integers(3, 6))
    outside = rng.integers(0, k4, size=int(rng.integers(8, 14)))
    positions = rng.choice(len(outside), size=2, replace=False)
    outside[positions[0]] = -1
    outside[positions[1]] = k4 + int(rng.integers(0, 3))

    empty = np.zeros(0, dtype=int)
    k5 = int(rng.integers(2, 6))

    floats = rng.integers(0, k3, size=int(rng.integers(6, 12)))
    return [
        Case(
            "n_classes columns even when the highest class does not occur",
            "required",
            (missing_top, k),
            _encoded(missing_top, k),
        ),
        Case("every class present, shuffled", "required", (every, k2), _encoded(every, k2)),
        Case("labels as a Python list", "required", (as_list, k3), _encoded(as_list, k3)),
        Case(
            "labels outside 0..n_classes-1 (including -1) give all-zero rows",
            "required",
            (outside, k4),
            _encoded(outside, k4),
        ),
        Case(
            "no labels: an empty (0, n_classes) array",
            "required",
            (empty, k5),
            _encoded(empty, k5),
        ),
        Case(
            "labels as floats (2.0 rather than 2), as they come out of a CSV",
            "edge",
            (floats.astype(float), k3),
            _encoded(floats, k3),
            followup="What does np.eye(k)[labels] do with a label of -1, with a label of k, and with a float "
            "array of labels?",
        ),
    ]
