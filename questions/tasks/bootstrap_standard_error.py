"""Bootstrap standard error of the mean from given resample indices: std (ddof=1) of the B means."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, close_to, within

FUNCTION = "bootstrap_se"


def reference(x, resample_indices) -> float:
    x = np.asarray(x, dtype=float)
    means = x[np.asarray(resample_indices)].mean(axis=1)
    return float(means.std(ddof=1))


def _se(x, indices):
    expected = reference(x, indices)
    biased = float(np.asarray(x, dtype=float)[indices].mean(axis=1).std(ddof=0))
    size = float(np.abs(np.asarray(x, dtype=float)).max())  # each mean is off by eps times this

    def check(output) -> str | None:
        value, problem = as_array(output, "standard error", ())
        if problem:
            return problem + " (return one float)"
        assert value is not None
        if np.isnan(value):
            return "the standard error is NaN"
        problem = close_to(value, expected, "standard error", atol=1e-10, scale=size)
        if problem and within(value, biased, atol=1e-10, scale=size):
            return problem + " (use the sample standard deviation of the B means, ddof=1)"
        return problem

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(20, 40))
    B = int(rng.integers(50, 120))
    x = rng.normal(loc=rng.uniform(-5, 5), scale=rng.uniform(1, 3), size=n)
    indices = rng.integers(0, n, size=(B, n))

    skewed = rng.exponential(scale=2.0, size=int(rng.integers(8, 15)))
    skewed_indices = rng.integers(0, len(skewed), size=(int(rng.integers(200, 300)), len(skewed)))

    small = rng.normal(size=int(rng.integers(5, 10)))
    two = rng.integers(0, len(small), size=(2, len(small)))
    while np.isclose(small[two[0]].mean(), small[two[1]].mean()):
        two = rng.integers(0, len(small), size=(2, len(small)))

    integers = rng.integers(0, 10, size=int(rng.integers(10, 20)))
    integer_indices = rng.integers(0, len(integers), size=(int(rng.integers(30, 60)), len(integers)))

    return [
        Case("standard error over B resamples of a normal sample", "required", (x, indices), _se(x, indices)),
        Case(
            "a skewed sample with more resamples than points",
            "required",
            (skewed, skewed_indices),
            _se(skewed, skewed_indices),
        ),
        Case(
            "integer data still gives a float standard error",
            "required",
            (integers, integer_indices),
            _se(integers, integer_indices),
        ),
        Case(
            "B = 2 resamples",
            "edge",
            (small, two),
            _se(small, two),
            followup="With only B = 2 resamples the estimate is valid but useless. How large should B be "
            "for a standard error, and for a 95% percentile interval? What does indexing a Python list "
            "with a list of lists do?",
        ),
        Case(
            "x and the indices as Python lists",
            "required",
            (x.tolist(), indices.tolist()),
            _se(x, indices),
        ),
    ]
