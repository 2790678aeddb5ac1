"""Limits and cleaning for whatever users type, before it reaches any feature."""

from __future__ import annotations

import re
import unicodedata

from bot.errors import UserError

MAX_MESSAGE_CHARS = 20_000
MAX_NAME_CHARS = 64

_FENCE = re.compile(r"```[ \t]*(?:python|py|python3)?[ \t]*\n(?P<code>.*?)(?:\n)?```", re.S | re.I)


def clean_input(text: str, *, limit: int = MAX_MESSAGE_CHARS) -> str:
    """NFC-normalise, drop control characters (keeping newlines and tabs) and enforce the size limit."""
    if len(text) > limit:
        raise UserError(
            f"That message is {len(text):,} characters; the limit is {limit:,}. Nothing was recorded."
        )
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co")
    )
    return text.strip()


def clean_name(name: str) -> str:
    """A display name safe to print anywhere: one line, printable, bounded."""
    name = " ".join(clean_input(name, limit=10_000).split())
    return name[:MAX_NAME_CHARS]


def extract_code(text: str) -> str | None:
    """The body of the first fenced python block, or None when the message has none."""
    match = _FENCE.search(text)
    return match.group("code") if match else None
