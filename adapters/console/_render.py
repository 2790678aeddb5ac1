"""Replies as terminal text, coloured only when asked; pictures are saved as files and their path shown."""

from __future__ import annotations

import re
from pathlib import Path

from bot.replies import (
    Block,
    Button,
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
from bot.text import table_lines

_STYLE = {"bold": "1", "dim": "2", "green": "32", "yellow": "33", "red": "31", "cyan": "36"}
_TONE = {
    Tone.INFO: ("ℹ", "cyan"),
    Tone.SUCCESS: ("✓", "green"),
    Tone.WARNING: ("!", "yellow"),
    Tone.ERROR: ("✗", "red"),
}
CHART_DIR = Path("screenprep-charts")
_BOLD = re.compile(r"\*(?=\S)([^*\n]+?)(?<=\S)\*")


class Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        if not self.color:
            return text
        return f"\x1b[{_STYLE[style]}m{text}\x1b[0m"


def choices(reply: Reply) -> list[Button]:
    """The reply's buttons in the order they are numbered: `/1` acts on the first."""
    return [button for block in reply.blocks if isinstance(block, Buttons) for button in block.buttons]


def render(reply: Reply, color: bool = False, width: int | None = None) -> str:
    """The whole reply as lines of text; buttons become numbered choices (`/1`, `/2`, ...).

    With a `width` (a terminal's columns), tables wrap their widest column to fit it.
    """
    paint = Painter(color)
    lines: list[str] = []
    if reply.visibility is not Visibility.PUBLIC and reply.recipient is not None:
        lines.append(paint(f"(private to {reply.recipient.display_name})", "dim"))
    numbered = 0
    for block in reply.blocks:
        if isinstance(block, Buttons):
            lines.append(_numbered(block.buttons, numbered, paint))
            numbered += len(block.buttons)
        elif isinstance(block, Table):
            lines.extend(table_lines(block, width=width))
        else:
            lines.extend(_block(block, paint))
    return "\n".join(lines) if lines else reply.fallback_text


def _numbered(buttons: tuple[Button, ...], before: int, paint: Painter) -> str:
    return paint("  ".join(f"[/{before + i}] {b.label}" for i, b in enumerate(buttons, 1)), "dim")


def _block(block: Block, paint: Painter) -> list[str]:
    if isinstance(block, Heading):
        return [paint(block.text, "bold")]
    if isinstance(block, Text):
        return [_emphasis(block.text, paint)]
    if isinstance(block, Code):
        return [f"```{block.language}", *block.code.rstrip("\n").splitlines(), "```"]
    if isinstance(block, Fields):
        return [paint(_emphasis(" · ".join(f"{k}: {v}" for k, v in block.pairs), _PLAIN), "dim")]
    if isinstance(block, Notice):
        icon, style = _TONE[block.tone]
        return [paint(f"{icon} {_emphasis(block.text, _PLAIN)}", style)]
    if isinstance(block, Image):
        return [f"Chart saved to {save_image(block)}", paint(block.alt, "dim")]
    raise TypeError(f"no console rendering for {type(block).__name__}")


def _emphasis(text: str, paint: Painter) -> str:
    """Chat markup's `*bold*` as terminal bold (or plain words), never as literal asterisks."""
    return _BOLD.sub(lambda m: paint(m.group(1), "bold"), text)


_PLAIN = Painter(color=False)


def save_image(image: Image) -> Path:
    """A terminal cannot show a PNG, so it goes under ./screenprep-charts/ and the path is printed."""
    CHART_DIR.mkdir(exist_ok=True)
    path = CHART_DIR / Path(image.filename).name
    path.write_bytes(image.data)
    return path
