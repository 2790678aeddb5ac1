"""Seeded generators for numeric questions; importing a module registers its generators."""

from questions.generators import _classic_ml, _experiments, _layers, _probability, _ranking, _stats  # noqa: F401
from questions.generators._registry import Generated, generate, generator, generator_names

__all__ = ["Generated", "generate", "generator", "generator_names"]
