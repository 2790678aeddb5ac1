"""Independent computations of the static numeric answers in math-stats probability and statistics."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, product


def _monty_hall_switch_win(doors: int) -> Fraction:
    """Exact enumeration over car position, host's goat door and the random switch."""
    win = Fraction(0)
    pick = 0
    for car in range(doors):
        p_car = Fraction(1, doors)
        host_options = [d for d in range(doors) if d not in (pick, car)]
        for opened in host_options:
            p_open = Fraction(1, len(host_options))
            closed = [d for d in range(doors) if d not in (pick, opened)]
            for switch_to in closed:
                if switch_to == car:
                    win += p_car * p_open * Fraction(1, len(closed))
    return win


def _german_tank(serials: list[int]) -> float:
    """The UMVUE max + max/k - 1, checked to be unbiased by exact enumeration for a small N first."""
    k = len(serials)

    def estimate(sample: tuple[int, ...]) -> Fraction:
        return Fraction(k + 1, k) * max(sample) - 1

    small_n = 12
    samples = list(combinations(range(1, small_n + 1), k))
    assert sum(estimate(s) for s in samples) / len(samples) == small_n
    return float(estimate(tuple(serials)))


def _random_sum_variance() -> Fraction:
    """Brute-force E[S^2] - E[S]^2 over every basket, with a two-point price (15 or 25: mean 20, sd 5).

    Var(S) depends on the price distribution only through its mean and variance, so any such price works.
    """
    n_dist = {1: Fraction(1, 2), 2: Fraction(3, 10), 3: Fraction(1, 5)}
    prices = (15, 25)
    first = second = Fraction(0)
    for n, p_n in n_dist.items():
        for basket in product(prices, repeat=n):
            weight = p_n / len(prices) ** n
            total = sum(basket)
            first += weight * total
            second += weight * total * total
    return second - first * first


def _two_state_stationary_active() -> float:
    """Power iteration of the transition matrix from the Dormant state."""
    p = [[0.9, 0.1], [0.3, 0.7]]
    dist = [0.0, 1.0]
    for _ in range(500):
        dist = [dist[0] * p[0][0] + dist[1] * p[1][0], dist[0] * p[0][1] + dist[1] * p[1][1]]
    return dist[0]


EXPECTED = {
    "monty-hall-four-doors": lambda: float(_monty_hall_switch_win(4)),
    "german-tank-problem": lambda: _german_tank([19, 40, 42, 60]),
    "random-sum-total-variance": lambda: float(_random_sum_variance()),
    "markov-chain-two-state-stationary": _two_state_stationary_active,
}
