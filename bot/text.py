"""Limits and cleaning for whatever users type, before it reaches any feature."""

from __future__ import annotations

import re
import unicodedata

from bot.errors import UserError
from questions import Language

MAX_MESSAGE_CHARS = 20_000
MAX_NAME_CHARS = 64

_FENCE = re.compile(r"```[ \t]*(?P<label>[\w+-]*)[ \t]*\n(?P<code>.*?)(?:\n)?```", re.S)
"""One whole fenced block, so a closing fence is never read as the opening of another."""
_FENCE_LABELS = {Language.PYTHON: {"", "python", "py", "python3"}, Language.SQL: {"", "sql", "sqlite"}}
"""The labels a fence of each language may carry; an unlabelled fence counts as either."""


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


def extract_code(text: str, language: Language = Language.PYTHON) -> str | None:
    """The body of the first fenced block in `language` (or unlabelled), or None when the message has none."""
    labels = _FENCE_LABELS[language]
    return next((m.group("code") for m in _FENCE.finditer(text) if m.group("label").lower() in labels), None)


def fenced(code: str, language: Language) -> str:
    """Code from a form's code field as a chat answer: in a fence of its language unless it has one."""
    return code if extract_code(code, language) is not None else f"```{language}\n{code}\n```"
