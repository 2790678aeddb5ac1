"""Probability generators: Bayes' rule with base rates and friends."""

from __future__ import annotations

import random

from questions.generators._registry import Generated, generator


@generator("bayes-base-rate")
def bayes_base_rate(rng: random.Random) -> Generated:
    """P(condition | positive test) from prevalence, sensitivity and specificity."""
    prevalence = rng.choice([0.001, 0.002, 0.005, 0.01, 0.02, 0.05])
    sensitivity = rng.choice([0.90, 0.95, 0.98, 0.99])
    specificity = rng.choice([0.90, 0.95, 0.98, 0.99])
    true_positive = prevalence * sensitivity
    false_positive = (1 - prevalence) * (1 - specificity)
    return Generated(
        {
            "prevalence": prevalence,
            "sensitivity": sensitivity,
            "specificity": specificity,
            "true_positive": true_positive,
            "false_positive": false_positive,
        },
        true_positive / (true_positive + false_positive),
    )
