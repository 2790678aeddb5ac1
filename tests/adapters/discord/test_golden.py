"""Golden renderings: view-model replies as the embed and buttons Discord receives, byte for byte."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from adapters.discord._render import render
from tests.support.views import SAMPLES, check_golden

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_view_renders_as_its_golden_embed(name: str):
    rendered = render(SAMPLES[name]())
    shown = {
        "content": rendered.content,
        "embed": rendered.embed.to_dict() if rendered.embed else None,
        "rows": [[asdict(button) for button in row] for row in rendered.rows],
    }
    check_golden(GOLDEN / f"{name}.json", shown)
