"""Statistics generators, each recomputed a different way (fractions, enumeration, numpy) over 100 seeds."""

from __future__ import annotations

import itertools
import math
import re
from fractions import Fraction

import numpy as np
import pytest

from questions.generators import generate

SEEDS = range(100)


def _frac(value: object) -> Fraction:
    return Fraction(str(value))


def _numbers(text: str) -> list[float]:
    return [float(x) for x in text.split(",")]


@pytest.mark.parametrize("seed", SEEDS)
def test_dice_game_by_enumerating_faces(seed):
    drawn = generate("dice-threshold-game", seed)
    v = drawn.values
    payoffs = [face if face >= v["threshold"] else -v["cost"] for face in range(1, v["sides"] + 1)]
    exact = sum(Fraction(p, v["sides"]) for p in payoffs)
    assert math.isclose(drawn.answer, float(exact), rel_tol=1e-12, abs_tol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_variance_of_combination_with_a_covariance_matrix(seed):
    drawn = generate("variance-linear-combination", seed)
    v = drawn.values
    # Read the coefficients back from the expression the prompt shows, e.g. "2X − 3Y" or "X + Y".
    match = re.fullmatch(r"(−?)(\d*)X ([+−]) (\d*)Y", v["expr"])
    assert match, v["expr"]
    a = (-1 if match[1] else 1) * int(match[2] or 1)
    b = (-1 if match[3] == "−" else 1) * int(match[4] or 1)
    sx, sy, rho = v["sigma_x"], v["sigma_y"], v["rho"]
    sigma = np.array([[sx * sx, rho * sx * sy], [rho * sx * sy, sy * sy]])
    weights = np.array([a, b])
    assert math.isclose(drawn.answer, float(weights @ sigma @ weights), rel_tol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_ci_half_width_from_the_variance_of_the_mean(seed):
    drawn = generate("ci-half-width", seed)
    v = drawn.values
    variance_of_mean = _frac(v["s"]) ** 2 / v["n"]
    assert math.isclose(drawn.answer, 1.96 * math.sqrt(variance_of_mean), rel_tol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_binomial_by_adding_one_trial_at_a_time(seed):
    drawn = generate("binomial-exactly-k", seed)
    v = drawn.values
    p = _frac(v["p"])
    distribution = [Fraction(1)]  # distribution[j] = P(j successes so far)
    for _ in range(v["n"]):
        distribution = [
            (distribution[j] * (1 - p) if j < len(distribution) else 0)
            + (distribution[j - 1] * p if j > 0 else 0)
            for j in range(len(distribution) + 1)
        ]
    assert math.isclose(drawn.answer, float(distribution[v["k"]]), rel_tol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_poisson_by_summing_the_upper_tail(seed):
    drawn = generate("poisson-at-least-k", seed)
    v = drawn.values
    mu = float(_frac(v["rate"]) * v["hours"])
    tail = math.fsum(
        math.exp(-mu + i * math.log(mu) - math.lgamma(i + 1)) for i in range(v["k"], v["k"] + 400)
    )
    assert math.isclose(drawn.answer, tail, rel_tol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_consecutive_successes_by_solving_the_markov_chain(seed):
    drawn = generate("consecutive-successes", seed)
    p, r = drawn.values["p"], drawn.values["r"]
    # E_j = 1 + p E_{j+1} + (1 - p) E_0 for streak j = 0 .. r - 1, with E_r = 0.
    system = np.zeros((r, r))
    rhs = np.ones(r)
    for j in range(r):
        system[j, j] += 1
        system[j, 0] -= 1 - p
        if j + 1 < r:
            system[j, j + 1] -= p
    expected_runs = np.linalg.solve(system, rhs)[0]
    assert math.isclose(drawn.answer, float(expected_runs), rel_tol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_hash_collision_by_counting_injective_assignments(seed):
    drawn = generate("hash-collision", seed)
    n, m = drawn.values["n"], drawn.values["m"]
    no_collision = Fraction(math.perm(m, n), m**n)
    assert math.isclose(drawn.answer, float(1 - no_collision), rel_tol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_urn_posterior_by_enumerating_ordered_pairs_of_balls(seed):
    drawn = generate("urn-posterior-two-draws", seed)
    v = drawn.values
    prior_a = _frac(v["prior_a"])
    joint = {}
    for urn, prior in (("a", prior_a), ("b", 1 - prior_a)):
        balls = ["red"] * v[f"{urn}_red"] + ["blue"] * v[f"{urn}_blue"]
        pairs = list(itertools.permutations(range(len(balls)), 2))
        both_red = sum(1 for i, j in pairs if balls[i] == balls[j] == "red")
        joint[urn] = prior * Fraction(both_red, len(pairs))
    exact = joint["a"] / (joint["a"] + joint["b"])
    assert math.isclose(drawn.answer, float(exact), rel_tol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_f1_from_label_arrays(seed):
    drawn = generate("f1-from-counts", seed)
    v = drawn.values
    positives, negatives, tp, fp = v["positives"], v["negatives"], v["tp"], v["fp"]
    y_true = np.array([1] * positives + [0] * negatives, dtype=bool)
    y_pred = np.array([1] * tp + [0] * (positives - tp) + [1] * fp + [0] * (negatives - fp), dtype=bool)
    hits = np.sum(y_true & y_pred)
    precision = hits / np.sum(y_pred)
    recall = hits / np.sum(y_true)
    assert math.isclose(drawn.answer, 2 / (1 / precision + 1 / recall), rel_tol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_precision_shift_by_counting_a_population(seed):
    drawn = generate("precision-prevalence-shift", seed)
    v = drawn.values
    test_prev, precision0, recall, prod_prev = (
        _frac(v[k]) for k in ("test_prev", "precision0", "recall", "prod_prev")
    )
    population = 1_000_000
    test_pos = population * test_prev
    test_tp = recall * test_pos
    test_fp = test_tp / precision0 - test_tp  # flagged = TP / precision
    fpr = test_fp / (population - test_pos)
    prod_pos = population * prod_prev
    prod_tp = recall * prod_pos
    prod_fp = fpr * (population - prod_pos)
    assert math.isclose(drawn.answer, float(prod_tp / (prod_tp + prod_fp)), rel_tol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_family_wise_error_as_a_binomial_sum(seed):
    drawn = generate("family-wise-error", seed)
    alpha, m = _frac(drawn.values["alpha"]), drawn.values["m"]
    at_least_one = sum(math.comb(m, k) * alpha**k * (1 - alpha) ** (m - k) for k in range(1, m + 1))
    assert math.isclose(drawn.answer, float(at_least_one), rel_tol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_normal_interval_by_integrating_the_density(seed):
    drawn = generate("normal-interval", seed)
    v = drawn.values
    mu, sigma, lo, hi = v["mu"], v["sigma"], float(v["lo"]), float(v["hi"])
    x = np.linspace(lo, hi, 20_001)
    density = np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * math.sqrt(2 * math.pi))
    h = x[1] - x[0]
    simpson = h / 3 * (density[0] + density[-1] + 4 * density[1:-1:2].sum() + 2 * density[2:-1:2].sum())
    assert math.isclose(drawn.answer, float(simpson), abs_tol=1e-10)


@pytest.mark.parametrize("seed", SEEDS)
def test_sample_size_is_the_smallest_n_meeting_the_margin(seed):
    drawn = generate("sample-size-margin", seed)
    p, margin = _frac(drawn.values["p0"]), _frac(drawn.values["margin"])
    z = Fraction(196, 100)

    def meets(n: int) -> bool:  # z * sqrt(p(1 - p)/n) <= margin, squared
        return z * z * p * (1 - p) / n <= margin * margin

    lo, hi = 1, 10**7
    while lo < hi:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if meets(mid) else (mid + 1, hi)
    assert meets(lo) and not meets(lo - 1)
    assert drawn.answer == lo


@pytest.mark.parametrize("seed", SEEDS)
def test_correlation_with_numpy(seed):
    drawn = generate("pearson-correlation", seed)
    xs, ys = _numbers(drawn.values["xs"]), _numbers(drawn.values["ys"])
    assert len(xs) == len(ys) == 5
    assert math.isclose(drawn.answer, float(np.corrcoef(xs, ys)[0, 1]), rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_expected_unique_by_a_draw_by_draw_recurrence(seed):
    drawn = generate("expected-unique-draws", seed)
    rows, draws = drawn.values["rows"], drawn.values["draws"]
    expected = 0.0
    for _ in range(draws):  # a draw is new with probability (rows - distinct so far) / rows
        expected += 1 - expected / rows
    assert math.isclose(drawn.answer, expected, rel_tol=1e-9)


def test_expected_unique_matches_brute_force_on_a_tiny_case():
    """The closed form the generator uses, checked against every sequence of 4 draws from 3 rows."""
    sequences = list(itertools.product(range(3), repeat=4))
    brute = Fraction(sum(len(set(s)) for s in sequences), len(sequences))
    assert brute == 3 * (1 - Fraction(2, 3) ** 4)


@pytest.mark.parametrize("seed", SEEDS)
def test_log_loss_with_numpy(seed):
    drawn = generate("log-loss", seed)
    p = np.array(_numbers(drawn.values["probs"]))
    y = np.array(_numbers(drawn.values["labels"]))
    prob_of_truth = np.where(y == 1, p, 1 - p)
    assert math.isclose(drawn.answer, float(-np.mean(np.log(prob_of_truth))), rel_tol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_entropy_from_counts(seed):
    drawn = generate("entropy-bits", seed)
    probs = [_frac(x.strip()) for x in drawn.values["probs"].split(",")]
    assert sum(probs) == 1 and len(probs) == drawn.values["outcomes"]
    counts = [int(p * 20) for p in probs]
    entropy = math.log2(20) - sum(c * math.log2(c) for c in counts) / 20
    assert math.isclose(drawn.answer, entropy, rel_tol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_kl_as_cross_entropy_minus_entropy(seed):
    drawn = generate("kl-divergence-discrete", seed)
    p = np.array(_numbers(drawn.values["p"]))
    q = np.array(_numbers(drawn.values["q"]))
    assert math.isclose(p.sum(), 1) and math.isclose(q.sum(), 1)
    cross_entropy = -np.sum(p * np.log(q))
    entropy = -np.sum(p * np.log(p))
    assert drawn.answer > 0
    assert math.isclose(drawn.answer, float(cross_entropy - entropy), rel_tol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_regression_prediction_by_fitting_data_with_those_moments(seed):
    drawn = generate("regression-prediction", seed)
    v = drawn.values
    # Two orthogonal, centred, unit-variance columns give data with exactly the stated moments.
    z1 = np.array([1.0, 1.0, -1.0, -1.0])
    z2 = np.array([1.0, -1.0, 1.0, -1.0])
    r = v["r"]
    x = v["mean_x"] + v["sd_x"] * z1
    y = v["mean_y"] + v["sd_y"] * (r * z1 + math.sqrt(1 - r * r) * z2)
    assert math.isclose(np.corrcoef(x, y)[0, 1], r, rel_tol=1e-9)
    slope, intercept = np.polyfit(x, y, 1)
    assert math.isclose(drawn.answer, slope * v["x0"] + intercept, rel_tol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_pooled_z_squared_is_the_chi_square_of_the_table(seed):
    drawn = generate("ab-test-pooled-z", seed)
    v = drawn.values
    observed = np.array([[v["x_a"], v["n_a"] - v["x_a"]], [v["x_b"], v["n_b"] - v["x_b"]]], dtype=float)
    expected = observed.sum(axis=1, keepdims=True) * observed.sum(axis=0, keepdims=True) / observed.sum()
    chi_square = float(((observed - expected) ** 2 / expected).sum())
    sign = 1 if v["x_b"] * v["n_a"] > v["x_a"] * v["n_b"] else -1
    assert math.isclose(drawn.answer, sign * math.sqrt(chi_square), rel_tol=1e-9)
