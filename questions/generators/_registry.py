"""Generated numeric questions: a seeded function draws the numbers and computes the answer."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Generated:
    """Values for the prompt and answer templates, and the exact answer they imply."""

    values: Mapping[str, object]
    answer: float


Generator = Callable[[random.Random], Generated]
_GENERATORS: dict[str, Generator] = {}


def generator(name: str) -> Callable[[Generator], Generator]:
    """Register a generator under the name question files use in `generator:`."""

    def register(function: Generator) -> Generator:
        if name in _GENERATORS:
            raise ValueError(f"generator {name!r} is registered twice")
        _GENERATORS[name] = function
        return function

    return register


def generate(name: str, seed: int) -> Generated:
    """The same seed always gives the same numbers, so a post shows everyone the same question."""
    return _GENERATORS[name](random.Random(seed))


def generator_names() -> list[str]:
    return sorted(_GENERATORS)
