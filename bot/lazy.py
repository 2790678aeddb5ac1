"""Modules whose code runs on first use: what only replies need stays out of start-up."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from types import ModuleType
from typing import Any


def lazy_module(name: str) -> ModuleType:
    """The module `name`, run on its first attribute access (importlib's `LazyLoader`).

    For a feature's views, which its service calls as `views.card(...)`: some 200 frozen dataclasses
    that Python 3.11 compiles one method at a time. The first reply pays for them, not start-up.
    """
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"no module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


def lazy_attributes(package: str, sources: Mapping[str, str]) -> Callable[[str], Any]:
    """A package's `__getattr__` (PEP 562): each name in `sources` is read from its submodule on first use."""

    def attribute(name: str) -> Any:
        module = sources.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(f"{package}.{module}"), name)

    return attribute
