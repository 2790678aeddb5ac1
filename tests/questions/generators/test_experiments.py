"""Applied-statistics generators, each recomputed a different way (search, regression, integration)."""

from __future__ import annotations

import math
from fractions import Fraction
from statistics import NormalDist

import numpy as np
import pytest

from questions.generators import generate

SEEDS = range(100)


def _numbers(text: str) -> list[Fraction]:
    return [Fraction(x) for x in text.split(", ")]


def _power(n: int, effect: float, variance_sum: float, z_alpha: float) -> float:
    """Power of the two-sided z test with n users per arm (the far tail ignored, as the formula does)."""
    return NormalDist().cdf(abs(effect) * math.sqrt(n / variance_sum) - z_alpha)


@pytest.mark.parametrize("seed", SEEDS)
def test_sample_size_is_the_smallest_n_that_reaches_the_power(seed):
    drawn = generate("ab-sample-size-two-proportions", seed)
    v = drawn.values
    p1, p2 = v["baseline"], v["treated"]
    variance_sum = p1 * (1 - p1) + p2 * (1 - p2)
    target = NormalDist().cdf(v["z_power"])
    low, high = 1, 10**8
    while low < high:
        middle = (low + high) // 2
        if _power(middle, p2 - p1, variance_sum, v["z_alpha"]) >= target:
            high = middle
        else:
            low = middle + 1
    assert drawn.answer == low


@pytest.mark.parametrize("seed", SEEDS)
def test_did_is_the_interaction_coefficient_of_a_two_by_two_regression(seed):
    drawn = generate("difference-in-differences", seed)
    v = drawn.values
    # Rows: (intercept, treated, after, treated × after) for the four group means.
    design = np.array([[1, 0, 0, 0], [1, 0, 1, 0], [1, 1, 0, 0], [1, 1, 1, 1]], dtype=float)
    means = np.array([v["control_before"], v["control_after"], v["treated_before"], v["treated_after"]])
    coefficients = np.linalg.solve(design, means)
    assert math.isclose(drawn.answer, coefficients[3], abs_tol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_fold_spread_from_pairwise_differences_in_exact_fractions(seed):
    drawn = generate("kfold-score-spread", seed)
    scores = _numbers(drawn.values["scores"])
    k = len(scores)
    assert k == drawn.values["folds"]
    # The sample variance equals the mean of squared pairwise differences over 2.
    pairs = [(a - b) ** 2 for i, a in enumerate(scores) for b in scores[i + 1 :]]
    variance = sum(pairs) / (k * (k - 1))
    assert math.isclose(drawn.answer, math.sqrt(variance), rel_tol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_mape_with_numpy_arrays(seed):
    drawn = generate("forecast-mape", seed)
    actual = np.array([float(x) for x in _numbers(drawn.values["actuals"])])
    forecast = np.array([float(x) for x in _numbers(drawn.values["forecasts"])])
    assert math.isclose(drawn.answer, float(np.mean(np.abs(1 - forecast / actual))), rel_tol=1e-9)
    smape = np.mean(np.abs(forecast - actual) / ((np.abs(actual) + np.abs(forecast)) / 2))
    assert math.isclose(drawn.values["smape"], float(smape), rel_tol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_huber_as_the_integral_of_its_clipped_gradient(seed):
    drawn = generate("huber-mean-loss", seed)
    delta = drawn.values["delta"]
    total = 0.0
    for residual in _numbers(drawn.values["residuals"]):
        grid = np.linspace(0.0, abs(float(residual)), 20001)
        gradient = np.minimum(grid, delta)
        total += float(np.sum((gradient[1:] + gradient[:-1]) / 2 * np.diff(grid)))
    mean = total / len(_numbers(drawn.values["residuals"]))
    assert math.isclose(drawn.answer, mean, rel_tol=1e-6, abs_tol=1e-6)
