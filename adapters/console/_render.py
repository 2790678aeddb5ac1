"""Replies as terminal text, coloured only when asked; pictures are saved as files and their path shown."""

from __future__ import annotations

import re
from pathlib import Path

from bot.replies import (
    Block,
    Buttons,
    Code,
    Fields,
    Heading,
    Image,
    Notice,
    Reply,
    Table,
    Text,
    Tone,
    Visibility,
)

_STYLE = {"bold": "1", "dim": "2", "green": "32", "yellow": "33", "red": "31", "cyan": "36"}
_TONE = {
    Tone.INFO: ("ℹ", "cyan"),
    Tone.SUCCESS: ("✓", "green"),
    Tone.WARNING: ("!", "yellow"),
    Tone.ERROR: ("✗", "red"),
}
CHART_DIR = Path("screenprep-charts")
_BOLD = re.compile(r"\*([^*\n]+)\*")
_ACTION = re.compile(r"^quiz:([a-z-]+):")


class Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        if not self.color:
            return text
        return f"\x1b[{_STYLE[style]}m{text}\x1b[0m"


def render(reply: Reply, color: bool = False) -> str:
    """The whole reply as lines of text; buttons become the commands that do the same."""
    paint = Painter(color)
    lines: list[str] = []
    if reply.visibility is not Visibility.PUBLIC and reply.recipient is not None:
        lines.append(paint(f"(private to {reply.recipient.display_name})", "dim"))
    for block in reply.blocks:
        lines.extend(_block(block, paint))
    return "\n".join(lines) if lines else reply.fallback_text


def _block(block: Block, paint: Painter) -> list[str]:
    if isinstance(block, Heading):
        return [paint(block.text, "bold")]
    if isinstance(block, Text):
        return [_BOLD.sub(lambda m: paint(m.group(1), "bold"), block.text)]
    if isinstance(block, Code):
        return [f"```{block.language}", *block.code.rstrip("\n").splitlines(), "```"]
    if isinstance(block, Fields):
        return [paint(" · ".join(f"{k}: {v}" for k, v in block.pairs), "dim")]
    if isinstance(block, Notice):
        icon, style = _TONE[block.tone]
        return [paint(f"{icon} {block.text}", style)]
    if isinstance(block, Buttons):
        commands = [_command_for(b.action_id) or b.label for b in block.buttons]
        return [paint("→ " + " · ".join(commands), "dim")]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Image):
        return [f"Chart saved to {save_image(block)}", paint(block.alt, "dim")]
    raise TypeError(f"no console rendering for {type(block).__name__}")


def save_image(image: Image) -> Path:
    """A terminal cannot show a PNG, so it goes under ./screenprep-charts/ and the path is printed."""
    CHART_DIR.mkdir(exist_ok=True)
    path = CHART_DIR / Path(image.filename).name
    path.write_bytes(image.data)
    return path


def _command_for(action_id: str) -> str | None:
    match = _ACTION.match(action_id)
    return f"/quiz {match.group(1)}" if match else None


def _table(table: Table) -> list[str]:
    widths = [max(len(row[i]) for row in (table.columns, *table.rows)) for i in range(len(table.columns))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    return [line(table.columns), line(tuple("-" * w for w in widths)), *(line(row) for row in table.rows)]
