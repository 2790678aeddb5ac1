"""Generators checked against independent computations over many seeds."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from questions.generators import generate


@pytest.mark.parametrize("seed", range(100))
def test_bayes_base_rate_matches_exact_fractions(seed):
    drawn = generate("bayes-base-rate", seed)
    v = {k: Fraction(str(drawn.values[k])) for k in ("prevalence", "sensitivity", "specificity")}
    sick_and_positive = v["prevalence"] * v["sensitivity"]
    healthy_and_positive = (1 - v["prevalence"]) * (1 - v["specificity"])
    exact = sick_and_positive / (sick_and_positive + healthy_and_positive)
    assert math.isclose(drawn.answer, float(exact), rel_tol=1e-12)
