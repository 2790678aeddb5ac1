"""Golden renderings: view-model replies as the Block Kit Slack receives, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.slack import render
from tests.support.views import SAMPLES, check_golden

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_view_renders_as_its_golden_block_kit(name: str):
    check_golden(GOLDEN / f"{name}.json", render(SAMPLES[name]()))
