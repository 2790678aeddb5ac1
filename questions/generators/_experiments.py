"""Applied-statistics generators: A/B sizing, difference-in-differences, k-fold spread, forecast errors."""

from __future__ import annotations

import math
import random
import statistics

from questions.generators._registry import Generated, generator

Z_ALPHA = {0.05: 1.96, 0.01: 2.576}
"""z_{1-α/2} as the prompt states it, two-sided."""
Z_POWER = {0.8: 0.8416, 0.9: 1.2816}
"""z_{1-β} as the prompt states it."""


@generator("ab-sample-size-two-proportions")
def ab_sample_size_two_proportions(rng: random.Random) -> Generated:
    """Users per arm to detect a lift in a conversion rate at a given alpha and power."""
    baseline = rng.choice([0.02, 0.03, 0.05, 0.08, 0.1, 0.12, 0.2])
    relative_lift = rng.choice([0.05, 0.1, 0.15, 0.2])
    alpha = rng.choice(list(Z_ALPHA))
    power = rng.choice(list(Z_POWER))
    treated = round(baseline * (1 + relative_lift), 10)
    z_sum = Z_ALPHA[alpha] + Z_POWER[power]
    variance_sum = baseline * (1 - baseline) + treated * (1 - treated)
    effect = treated - baseline
    exact = z_sum**2 * variance_sum / effect**2
    return Generated(
        {
            "baseline": baseline,
            "relative_lift": relative_lift,
            "treated": treated,
            "alpha": alpha,
            "power": power,
            "z_alpha": Z_ALPHA[alpha],
            "z_power": Z_POWER[power],
            "z_sum": z_sum,
            "z_sum_sq": z_sum**2,
            "variance_sum": variance_sum,
            "effect": effect,
            "exact": exact,
        },
        math.ceil(exact),
    )


@generator("difference-in-differences")
def difference_in_differences(rng: random.Random) -> Generated:
    """The two-period difference-in-differences estimate from four group means."""
    control_before = rng.randint(200, 600) / 10
    treated_before = round(control_before + rng.randint(-80, 80) / 10, 1)
    trend = rng.randint(-40, 60) / 10
    effect = rng.choice([-1, 1]) * rng.randint(5, 50) / 10
    control_after = round(control_before + trend, 1)
    treated_after = round(treated_before + trend + effect, 1)
    treated_change = round(treated_after - treated_before, 1)
    control_change = round(control_after - control_before, 1)
    return Generated(
        {
            "treated_before": treated_before,
            "treated_after": treated_after,
            "control_before": control_before,
            "control_after": control_after,
            "treated_change": treated_change,
            "control_change": control_change,
            "naive": treated_change,
        },
        round(treated_change - control_change, 1),
    )


@generator("kfold-score-spread")
def kfold_score_spread(rng: random.Random) -> Generated:
    """Mean and sample standard deviation of k cross-validation fold scores."""
    folds = rng.choice([5, 5, 10])
    centre = rng.randint(700, 900)
    spread = rng.randint(5, 30)
    scores = [(centre + rng.randint(-spread, spread)) / 1000 for _ in range(folds)]
    mean = statistics.fmean(scores)
    deviations = sum((s - mean) ** 2 for s in scores)
    std = math.sqrt(deviations / (folds - 1))
    return Generated(
        {
            "folds": folds,
            "folds_minus_1": folds - 1,
            "scores": ", ".join(f"{s:.3f}" for s in scores),
            "mean": mean,
            "sum_squares": deviations,
            "variance": deviations / (folds - 1),
            "sem": std / math.sqrt(folds),
        },
        std,
    )


@generator("forecast-mape")
def forecast_mape(rng: random.Random) -> Generated:
    """MAPE (and, for the explanation, sMAPE) of a short forecast."""
    periods = rng.choice([4, 5, 6])
    actuals = [rng.randint(40, 400) for _ in range(periods)]
    forecasts = [max(1, a + rng.randint(-a // 4, a // 4)) for a in actuals]
    ape = [abs(a - f) / a for a, f in zip(actuals, forecasts, strict=True)]
    sape = [2 * abs(a - f) / (a + f) for a, f in zip(actuals, forecasts, strict=True)]
    return Generated(
        {
            "periods": periods,
            "actuals": ", ".join(map(str, actuals)),
            "forecasts": ", ".join(map(str, forecasts)),
            "ape": ", ".join(f"{x:.4f}" for x in ape),
            "smape": sum(sape) / periods,
        },
        sum(ape) / periods,
    )


def _huber(residual: float, delta: float) -> float:
    """Quadratic inside ±delta, linear outside, joined with matching slope."""
    size = abs(residual)
    return 0.5 * size * size if size <= delta else delta * (size - 0.5 * delta)


@generator("huber-mean-loss")
def huber_mean_loss(rng: random.Random) -> Generated:
    """Mean Huber loss over a few residuals, some inside and some outside delta."""
    delta = rng.choice([0.5, 1.0, 1.5, 2.0])
    inside = [round(rng.uniform(-delta, delta), 1) for _ in range(2)]
    outside = [rng.choice([-1, 1]) * round(delta + rng.uniform(0.5, 6), 1) for _ in range(2)]
    residuals = inside + outside
    rng.shuffle(residuals)
    losses = [_huber(r, delta) for r in residuals]
    return Generated(
        {
            "delta": delta,
            "residuals": ", ".join(f"{r:g}" for r in residuals),
            "losses": ", ".join(f"{x:.4f}" for x in losses),
            "mse_half": sum(0.5 * r * r for r in residuals) / len(residuals),
            "count": len(residuals),
        },
        sum(losses) / len(losses),
    )
