"""Independent computations of the deep-learning bank's static numeric answers."""

from __future__ import annotations

import math
from fractions import Fraction


def _iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """Intersection over union of two (x1, y1, x2, y2) boxes with continuous coordinates."""
    width = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    height = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = Fraction(width * height)
    area_a = (a[2] - a[0]) * (a[3] - a[1])
    area_b = (b[2] - b[0]) * (b[3] - b[1])
    return float(inter / (area_a + area_b - inter))


def _softmax(logits: list[float], temperature: float) -> list[float]:
    scaled = [z / temperature for z in logits]
    top = max(scaled)
    weights = [math.exp(z - top) for z in scaled]
    total = sum(weights)
    return [w / total for w in weights]


def _adam_first_step_ratio(beta1: float, beta2: float, grad: float, correct_bias: bool) -> float:
    """|update| / lr for Adam's first step from zero moments, with eps = 0."""
    m = beta1 * 0.0 + (1 - beta1) * grad
    v = beta2 * 0.0 + (1 - beta2) * grad**2
    if correct_bias:
        m, v = m / (1 - beta1), v / (1 - beta2)
    return abs(m) / math.sqrt(v)


EXPECTED = {
    "iou-of-two-boxes": lambda: _iou((0, 0, 4, 4), (2, 1, 6, 5)),
    "softmax-temperature-probability": lambda: _softmax([2.0, 1.0, 0.0], 0.5)[0],
    "adam-without-bias-correction": lambda: _adam_first_step_ratio(0.9, 0.999, -7.3, correct_bias=False),
}
