"""Statistics generators: expectations, distributions, inference, metrics and information theory."""

from __future__ import annotations

import math
import random
from fractions import Fraction

from questions.generators._registry import Generated, generator


def _num(x: float) -> str:
    """A drawn value as people write it: 0.3, not 0.30000000000000004."""
    return f"{round(x, 10):g}"


def _signed(coefficient: int, name: str, first: bool) -> str:
    """One term of a linear combination: `2X`, `− Y`, `+ 3Y`."""
    body = name if abs(coefficient) == 1 else f"{abs(coefficient)}{name}"
    if first:
        return body if coefficient > 0 else f"−{body}"
    return f"+ {body}" if coefficient > 0 else f"− {body}"


@generator("dice-threshold-game")
def dice_threshold_game(rng: random.Random) -> Generated:
    """Expected payoff of a die game: win the face value at or above a threshold, else pay a fee."""
    sides = rng.choice([6, 8, 10, 12, 20])
    threshold = rng.randint(2, sides - 1)
    cost = rng.choice([1, 2, 3, 4, 5])
    win_sum = sum(range(threshold, sides + 1))
    lose_count = threshold - 1
    lose_total = lose_count * cost
    return Generated(
        {
            "sides": sides,
            "threshold": threshold,
            "cost": cost,
            "win_count": sides - threshold + 1,
            "win_sum": win_sum,
            "lose_count": lose_count,
            "lose_total": lose_total,
            "net": win_sum - lose_total,
        },
        (win_sum - lose_total) / sides,
    )


@generator("variance-linear-combination")
def variance_linear_combination(rng: random.Random) -> Generated:
    """Var(aX + bY) for correlated X and Y."""
    a = rng.choice([1, 2, 3])
    b = rng.choice([-3, -2, -1, 1, 2, 3])
    sigma_x = rng.choice([1, 2, 3, 4, 5])
    sigma_y = rng.choice([1, 2, 3, 4, 5])
    rho = rng.choice([-0.8, -0.6, -0.5, -0.3, 0.2, 0.4, 0.5, 0.7])
    cov = rho * sigma_x * sigma_y
    var_x_term = a * a * sigma_x**2
    var_y_term = b * b * sigma_y**2
    cross = 2 * a * b * cov
    return Generated(
        {
            "a": a,
            "b": b,
            "expr": f"{_signed(a, 'X', True)} {_signed(b, 'Y', False)}",
            "sigma_x": sigma_x,
            "sigma_y": sigma_y,
            "rho": rho,
            "var_x": sigma_x**2,
            "var_y": sigma_y**2,
            "cov": cov,
            "var_x_term": var_x_term,
            "var_y_term": var_y_term,
            "cross": cross,
        },
        var_x_term + var_y_term + cross,
    )


@generator("ci-half-width")
def ci_half_width(rng: random.Random) -> Generated:
    """Half-width of a large-sample 95% confidence interval for a mean."""
    n = rng.choice([36, 49, 64, 81, 100, 144, 225, 400, 625])
    s = rng.choice([3, 4.5, 6, 8, 10, 12, 15, 18, 24])
    mean = rng.choice([12.4, 18.5, 23.0, 31.7, 42.2, 57.9])
    se = s / math.sqrt(n)
    half = 1.96 * se
    return Generated(
        {
            "n": n,
            "s": s,
            "mean": mean,
            "sqrt_n": math.isqrt(n),
            "se": se,
            "lower": mean - half,
            "upper": mean + half,
        },
        half,
    )


@generator("binomial-exactly-k")
def binomial_exactly_k(rng: random.Random) -> Generated:
    """P(exactly k successes in n independent trials)."""
    n = rng.randint(5, 12)
    p = rng.choice([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
    centre = round(n * p)
    k = rng.randint(max(1, centre - 2), min(n - 1, centre + 2))
    q = round(1 - p, 10)
    comb = math.comb(n, k)
    p_pow = p**k
    q_pow = q ** (n - k)
    return Generated(
        {"n": n, "p": p, "q": q, "k": k, "n_minus_k": n - k, "comb": comb, "p_pow": p_pow, "q_pow": q_pow},
        comb * p_pow * q_pow,
    )


@generator("poisson-at-least-k")
def poisson_at_least_k(rng: random.Random) -> Generated:
    """P(N >= k) for a Poisson count over a window of several hours."""
    rate = rng.choice([0.5, 1, 1.5, 2, 2.5, 3])
    hours = rng.choice([1, 2, 3])
    mu = rate * hours
    k = rng.randint(max(1, int(mu) - 1), int(mu) + 3)
    pmf = [math.exp(-mu) * mu**i / math.factorial(i) for i in range(k)]
    cdf = sum(pmf)
    terms = " + ".join(f"{x:.4f}" for x in pmf)
    return Generated(
        {
            "rate": _num(rate),
            "hours": hours,
            "mu": _num(mu),
            "k": k,
            "k_minus_1": k - 1,
            "terms": terms,
            "cdf": cdf,
        },
        1 - cdf,
    )


@generator("consecutive-successes")
def consecutive_successes(rng: random.Random) -> Generated:
    """Expected number of Bernoulli(p) trials until r successes in a row."""
    p = rng.choice([0.5, 0.6, 0.7, 0.75, 0.8, 0.9])
    r = rng.choice([2, 3, 4, 5])
    p_r = p**r
    terms = " + ".join(f"{p**-i:.4f}" for i in range(1, r + 1))
    return Generated({"p": p, "r": r, "p_r": p_r, "terms": terms}, (1 - p_r) / ((1 - p) * p_r))


@generator("hash-collision")
def hash_collision(rng: random.Random) -> Generated:
    """Birthday problem: P(some bucket gets two of n items hashed uniformly into m buckets)."""
    m, sizes = rng.choice(
        [
            (100, [5, 8, 10, 12, 15, 20]),
            (365, [10, 15, 20, 23, 30, 40]),
            (1000, [20, 30, 37, 45, 60]),
            (10000, [50, 80, 100, 118, 150, 200]),
        ]
    )
    n = rng.choice(sizes)
    no_collision = 1.0
    for i in range(n):
        no_collision *= 1 - i / m
    pairs = n * (n - 1) // 2
    return Generated(
        {
            "n": n,
            "m": m,
            "n_minus_1": n - 1,
            "no_collision": no_collision,
            "pairs": pairs,
            "approx": 1 - math.exp(-pairs / m),
        },
        1 - no_collision,
    )


@generator("urn-posterior-two-draws")
def urn_posterior_two_draws(rng: random.Random) -> Generated:
    """P(urn A | two reds drawn without replacement) for two urns and a prior on the urn."""
    a_red, a_blue = rng.randint(3, 7), rng.randint(2, 6)
    b_red, b_blue = rng.randint(2, 5), rng.randint(3, 7)
    prior_a = rng.choice([0.25, 0.3, 0.4, 0.5, 0.6, 0.7])
    a_total, b_total = a_red + a_blue, b_red + b_blue
    like_a = a_red * (a_red - 1) / (a_total * (a_total - 1))
    like_b = b_red * (b_red - 1) / (b_total * (b_total - 1))
    prior_b = round(1 - prior_a, 10)
    joint_a, joint_b = prior_a * like_a, prior_b * like_b
    return Generated(
        {
            "a_red": a_red,
            "a_blue": a_blue,
            "a_total": a_total,
            "a_red_m1": a_red - 1,
            "a_total_m1": a_total - 1,
            "b_red": b_red,
            "b_blue": b_blue,
            "b_total": b_total,
            "b_red_m1": b_red - 1,
            "b_total_m1": b_total - 1,
            "prior_a": prior_a,
            "prior_b": prior_b,
            "like_a": like_a,
            "like_b": like_b,
            "joint_a": joint_a,
            "joint_b": joint_b,
            "naive_a": (a_red / a_total) ** 2,
        },
        joint_a / (joint_a + joint_b),
    )


@generator("f1-from-counts")
def f1_from_counts(rng: random.Random) -> Generated:
    """F1 of a classifier described by how many positives and negatives it flagged."""
    positives = rng.choice([80, 100, 120, 150, 200, 250, 400])
    negatives = rng.choice([1000, 2000, 5000, 10000])
    tp = rng.randint(positives // 2, positives - 5)
    fp = rng.randint(10, 3 * positives // 2)
    fn = positives - tp
    tn = negatives - fp
    return Generated(
        {
            "positives": positives,
            "negatives": negatives,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "tn": tn,
            "precision": tp / (tp + fp),
            "recall": tp / positives,
            "accuracy": (tp + tn) / (positives + negatives),
        },
        2 * tp / (2 * tp + fp + fn),
    )


@generator("precision-prevalence-shift")
def precision_prevalence_shift(rng: random.Random) -> Generated:
    """Precision after moving a classifier from its test-set prevalence to a rarer production one."""
    test_prev = rng.choice([0.2, 0.3, 0.4, 0.5])
    precision0 = rng.choice([0.8, 0.85, 0.9, 0.95])
    recall = rng.choice([0.6, 0.7, 0.8, 0.9])
    prod_prev = rng.choice([0.01, 0.02, 0.05, 0.1])
    fpr = recall * (test_prev / (1 - test_prev)) * ((1 - precision0) / precision0)
    lr = recall / fpr
    prior_odds = prod_prev / (1 - prod_prev)
    post_odds = prior_odds * lr
    return Generated(
        {
            "test_prev": test_prev,
            "precision0": precision0,
            "recall": recall,
            "prod_prev": prod_prev,
            "fpr": fpr,
            "lr": lr,
            "prior_odds": prior_odds,
            "post_odds": post_odds,
        },
        post_odds / (1 + post_odds),
    )


@generator("family-wise-error")
def family_wise_error(rng: random.Random) -> Generated:
    """P(at least one false positive) over m independent tests of true nulls."""
    alpha = rng.choice([0.01, 0.05, 0.1])
    m = rng.choice({0.01: [5, 10, 20, 50, 100], 0.05: [3, 5, 10, 20, 30], 0.1: [2, 3, 5, 10, 15]}[alpha])
    none = (1 - alpha) ** m
    return Generated(
        {
            "alpha": alpha,
            "m": m,
            "keep": round(1 - alpha, 10),
            "none": none,
            "bonferroni": alpha / m,
            "expected_fp": _num(m * alpha),
        },
        1 - none,
    )


def _phi(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


@generator("normal-interval")
def normal_interval(rng: random.Random) -> Generated:
    """P(lo < X < hi) for a normal variable, via the standard normal CDF."""
    mu = rng.choice([120, 150, 200, 250, 300])
    sigma = rng.choice([10, 15, 20, 25, 40])
    z_lo, z_hi = sorted(rng.sample([-2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2], 2))
    phi_lo, phi_hi = _phi(z_lo), _phi(z_hi)
    return Generated(
        {
            "mu": mu,
            "sigma": sigma,
            "lo": _num(mu + z_lo * sigma),
            "hi": _num(mu + z_hi * sigma),
            "z_lo": _num(z_lo),
            "z_hi": _num(z_hi),
            "phi_lo": phi_lo,
            "phi_hi": phi_hi,
        },
        phi_hi - phi_lo,
    )


@generator("sample-size-margin")
def sample_size_margin(rng: random.Random) -> Generated:
    """Smallest n whose 95% margin of error for a proportion is at most E (exact arithmetic, then ceil)."""
    p0 = rng.choice([0.1, 0.2, 0.3, 0.4, 0.5])
    margin = rng.choice([0.01, 0.02, 0.025, 0.03, 0.04, 0.05])
    z = Fraction("1.96")
    p = Fraction(str(p0))
    raw = z * z * p * (1 - p) / Fraction(str(margin)) ** 2
    return Generated(
        {"p0": p0, "margin": margin, "pq": float(p * (1 - p)), "raw_n": float(raw)},
        float(math.ceil(raw)),
    )


@generator("pearson-correlation")
def pearson_correlation(rng: random.Random) -> Generated:
    """Pearson correlation of five (x, y) points with small integer coordinates."""
    xs = sorted(rng.sample(range(1, 13), 5))
    slope = rng.choice([-2, -1, 1, 2, 3])
    intercept = rng.randint(0, 10)
    while True:
        ys = [slope * x + intercept + rng.randint(-5, 5) for x in xs]
        if len(set(ys)) > 1:
            break
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    return Generated(
        {
            "xs": ", ".join(map(str, xs)),
            "ys": ", ".join(map(str, ys)),
            "mean_x": mean_x,
            "mean_y": mean_y,
            "sxy": sxy,
            "cov": sxy / (n - 1),
            "sxx": sxx,
            "syy": syy,
        },
        sxy / math.sqrt(sxx * syy),
    )


@generator("expected-unique-draws")
def expected_unique_draws(rng: random.Random) -> Generated:
    """Expected number of distinct items in n draws with replacement from N (a bootstrap sample)."""
    rows = rng.choice([20, 50, 100, 200, 500, 1000])
    draws = int(rows * rng.choice([0.5, 1, 2, 3]))
    miss = (1 - 1 / rows) ** draws
    answer = rows * (1 - miss)
    return Generated(
        {
            "rows": rows,
            "draws": draws,
            "miss": miss,
            "share": answer / rows,
            "limit": math.exp(-draws / rows),
        },
        answer,
    )


@generator("log-loss")
def log_loss(rng: random.Random) -> Generated:
    """Mean binary cross-entropy (natural log) of five predicted probabilities."""
    while True:
        labels = [rng.randint(0, 1) for _ in range(5)]
        if 0 < sum(labels) < 5:
            break
    probs = [rng.choice([0.05, 0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9, 0.95]) for _ in labels]
    losses = [-(y * math.log(p) + (1 - y) * math.log(1 - p)) for p, y in zip(probs, labels, strict=True)]
    shown = [
        f"−ln({p:g}) = {loss:.4f}" if y else f"−ln(1 − {p:g}) = {loss:.4f}"
        for p, y, loss in zip(probs, labels, losses, strict=True)
    ]
    return Generated(
        {
            "probs": ", ".join(f"{p:g}" for p in probs),
            "labels": ", ".join(map(str, labels)),
            "losses": "; ".join(shown),
            "total": sum(losses),
            "worst": max(losses),
        },
        sum(losses) / len(losses),
    )


@generator("entropy-bits")
def entropy_bits(rng: random.Random) -> Generated:
    """Shannon entropy in bits of a distribution with probabilities in multiples of 0.05."""
    outcomes = rng.choice([3, 4, 5])
    cuts = sorted(rng.sample(range(1, 20), outcomes - 1))
    counts = [b - a for a, b in zip([0, *cuts], [*cuts, 20], strict=True)]
    probs = [c / 20 for c in counts]
    terms = [-p * math.log2(p) for p in probs]
    return Generated(
        {
            "outcomes": outcomes,
            "probs": ", ".join(_num(p) for p in probs),
            "terms": " + ".join(f"{t:.4f}" for t in terms),
            "max_bits": math.log2(outcomes),
        },
        sum(terms),
    )


@generator("kl-divergence-discrete")
def kl_divergence_discrete(rng: random.Random) -> Generated:
    """D_KL(P || Q) in nats for two distributions on three outcomes with probabilities in tenths."""

    def draw() -> list[float]:
        a, b = sorted(rng.sample(range(1, 10), 2))
        return [a / 10, (b - a) / 10, (10 - b) / 10]

    p = draw()
    q = draw()
    while [round(x, 10) for x in q] == [round(x, 10) for x in p]:
        q = draw()
    terms = [pi * math.log(pi / qi) for pi, qi in zip(p, q, strict=True)]
    reverse = sum(qi * math.log(qi / pi) for pi, qi in zip(p, q, strict=True))
    return Generated(
        {
            "p": ", ".join(_num(x) for x in p),
            "q": ", ".join(_num(x) for x in q),
            "terms": " + ".join(f"({t:.4f})" for t in terms),
            "reverse": reverse,
        },
        sum(terms),
    )


@generator("regression-prediction")
def regression_prediction(rng: random.Random) -> Generated:
    """OLS prediction of y at x0 from means, standard deviations and the correlation."""
    mean_x = rng.choice([5, 6, 8, 10, 12])
    sd_x = rng.choice([1.5, 2, 2.5, 3])
    mean_y = rng.choice([60, 65, 70, 72, 75])
    sd_y = rng.choice([8, 10, 12, 15])
    r = rng.choice([-0.6, -0.4, 0.3, 0.5, 0.6, 0.75, 0.8])
    x0 = mean_x + rng.choice([-3, -2, 2, 3, 4])
    slope = r * sd_y / sd_x
    intercept = mean_y - slope * mean_x
    return Generated(
        {
            "mean_x": mean_x,
            "sd_x": sd_x,
            "mean_y": mean_y,
            "sd_y": sd_y,
            "r": r,
            "x0": x0,
            "dx": x0 - mean_x,
            "slope": slope,
            "intercept": intercept,
        },
        mean_y + slope * (x0 - mean_x),
    )


@generator("ab-test-pooled-z")
def ab_test_pooled_z(rng: random.Random) -> Generated:
    """Two-proportion z statistic with the pooled standard error (B minus A)."""
    n_a = rng.choice([2000, 4000, 5000, 8000, 10000])
    n_b = rng.choice([2000, 4000, 5000, 8000, 10000])
    base = rng.choice([0.04, 0.05, 0.08, 0.1, 0.12])
    lift = rng.choice([-0.1, 0.05, 0.1, 0.15, 0.2])
    x_a = round(n_a * base) + rng.randint(-10, 10)
    x_b = round(n_b * base * (1 + lift)) + rng.randint(-10, 10)
    while x_b * n_a == x_a * n_b:
        x_b += 1
    p_a, p_b = x_a / n_a, x_b / n_b
    pooled = (x_a + x_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    z = (p_b - p_a) / se
    verdict = (
        "|z| > 1.96, so the difference is significant at the 5% level (two-sided)"
        if abs(z) > 1.96
        else "|z| < 1.96, so the difference is not significant at the 5% level (two-sided)"
    )
    return Generated(
        {
            "n_a": n_a,
            "x_a": x_a,
            "n_b": n_b,
            "x_b": x_b,
            "p_a": p_a,
            "p_b": p_b,
            "diff": p_b - p_a,
            "pooled": pooled,
            "se": se,
            "verdict": verdict,
        },
        z,
    )
