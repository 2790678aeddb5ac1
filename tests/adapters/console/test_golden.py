"""Golden renderings: view-model replies as the terminal prints them, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.console._render import render
from tests.support.views import SAMPLES, check_golden

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_view_renders_as_its_golden_text(name: str):
    check_golden(GOLDEN / f"{name}.txt", render(SAMPLES[name](), color=False, width=100))
