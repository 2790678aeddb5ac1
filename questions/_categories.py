"""Categories of the bank and the words people use for them."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    MATH_STATS = "math-stats"
    ML_CODING = "ml-coding"
    DEEP_LEARNING = "deep-learning"
    RESUME = "resume"
    BEHAVIORAL = "behavioral"

    @property
    def label(self) -> str:
        """Human name shown in chat."""
        return _LABELS[self]


_LABELS = {
    Category.MATH_STATS: "Math & Statistics",
    Category.ML_CODING: "ML implementation",
    Category.DEEP_LEARNING: "Deep learning",
    Category.RESUME: "Resume-based",
    Category.BEHAVIORAL: "Behavioral (STAR)",
}

DEFAULT_WEIGHTS: dict[Category, int] = {
    Category.MATH_STATS: 40,
    Category.ML_CODING: 30,
    Category.DEEP_LEARNING: 20,
    Category.RESUME: 10,
    Category.BEHAVIORAL: 0,
}

_ALIASES: dict[str, Category] = {
    **{c.value: c for c in Category},
    "math": Category.MATH_STATS,
    "stats": Category.MATH_STATS,
    "statistics": Category.MATH_STATS,
    "maths": Category.MATH_STATS,
    "math-stats": Category.MATH_STATS,
    "coding": Category.ML_CODING,
    "code": Category.ML_CODING,
    "ml": Category.ML_CODING,
    "implementation": Category.ML_CODING,
    "dl": Category.DEEP_LEARNING,
    "deep": Category.DEEP_LEARNING,
    "deeplearning": Category.DEEP_LEARNING,
    "resume": Category.RESUME,
    "résumé": Category.RESUME,
    "cv": Category.RESUME,
    "behavioral": Category.BEHAVIORAL,
    "behavioural": Category.BEHAVIORAL,
    "behavior": Category.BEHAVIORAL,
    "star": Category.BEHAVIORAL,
}


def parse_category(word: str) -> Category | None:
    """Map a category name or alias to a Category, or None if it is not one."""
    return _ALIASES.get(word.strip().lower())


def category_words() -> list[str]:
    """Every accepted spelling, for help texts and autocomplete."""
    return sorted(_ALIASES)
