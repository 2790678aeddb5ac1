"""Independent computations of static numeric answers: question id -> the exact value."""

from __future__ import annotations

from fractions import Fraction

EXPECTED = {
    "test-two-heads": lambda: float(Fraction(1, 2) * Fraction(1, 2)),
}
