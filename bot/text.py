"""Text helpers for the core and every adapter: cleaning what users type, cutting to a limit, tables.

Each exists once so that the platforms cannot drift apart on their edge cases.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from typing import TYPE_CHECKING, Literal

from bot.errors import UserError
from questions import Language

if TYPE_CHECKING:  # bot.replies imports the graders, which import this module
    from bot.replies import Table

MAX_MESSAGE_CHARS = 20_000
MAX_NAME_CHARS = 64

_FENCE = re.compile(r"```[ \t]*(?P<label>[\w+-]*)[ \t]*\n(?P<code>.*?)(?:\n)?```", re.S)
"""One whole fenced block, so a closing fence is never read as the opening of another."""
_FENCE_LABELS = {Language.PYTHON: {"", "python", "py", "python3"}, Language.SQL: {"", "sql", "sqlite"}}
"""The labels a fence of each language may carry; an unlabelled fence counts as either."""
ELLIPSIS = "…"
TABLE_GAP = 2
"""Spaces between table columns."""
NARROWEST_COLUMN = 12
"""A wrapped column never gets narrower than this, even if the table then overflows its width."""
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co"})
"""Control, format, surrogate and private-use characters: invisible, or able to reorder a line."""


def clean_input(text: str, *, limit: int = MAX_MESSAGE_CHARS) -> str:
    """NFC-normalise, drop control characters (keeping newlines and tabs) and enforce the size limit."""
    if len(text) > limit:
        raise UserError(
            f"That message is {len(text):,} characters; the limit is {limit:,}. Nothing was recorded."
        )
    return normalized(text).strip()


def normalized(text: str, form: Literal["NFC", "NFKC"] = "NFC") -> str:
    """Unicode-normalised, with hidden characters dropped (newlines and tabs stay).

    NFC keeps what people typed; the graders ask for NFKC, which also folds look-alikes such as
    full-width digits and ligatures before matching.
    """
    text = unicodedata.normalize(form, text)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in _HIDDEN)


def truncate(text: str, limit: int, marker: str = ELLIPSIS) -> str:
    """At most `limit` characters; when something is cut, `marker` ends what is left and says so."""
    if len(text) <= limit:
        return text
    if limit <= len(marker):
        return text[: max(limit, 0)]
    return text[: limit - len(marker)] + marker


def table_lines(table: Table, *, width: int | None = None, cell_limit: int | None = None) -> list[str]:
    """A monospace table: a header, a rule of dashes, then the rows, columns two spaces apart.

    Cells are stripped and cut to `cell_limit`; a short row is padded with empty cells and a long one
    cut to the header. With a `width`, the widest columns wrap first, down to NARROWEST_COLUMN.
    """
    count = len(table.columns)
    rows = [
        tuple(truncate(cell.strip(), cell_limit) if cell_limit else cell.strip() for cell in row[:count])
        + ("",) * (count - len(row))
        for row in (table.columns, *table.rows)
    ]
    natural = [max(len(row[i]) for row in rows) for i in range(count)]
    widths = _fit(natural, width)

    def lines(cells: tuple[str, ...]) -> list[str]:
        wrapped = [
            textwrap.wrap(cell, w) or [""] if w < n else [cell]
            for cell, w, n in zip(cells, widths, natural, strict=True)
        ]
        depth = max(len(column) for column in wrapped)
        padded = [column + [""] * (depth - len(column)) for column in wrapped]
        gap = " " * TABLE_GAP
        return [
            gap.join(column[k].ljust(w) for column, w in zip(padded, widths, strict=True)).rstrip()
            for k in range(depth)
        ]

    head, *body = rows
    return [
        *lines(head),
        *lines(tuple("-" * w for w in widths)),
        *(line for row in body for line in lines(row)),
    ]


def _fit(natural: list[int], width: int | None) -> list[int]:
    """Column widths within `width`: the widest column gives way first, none below NARROWEST_COLUMN."""
    widths = list(natural)
    if not width:
        return widths
    overflow = sum(widths) + TABLE_GAP * (len(widths) - 1) - width
    while overflow > 0:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= NARROWEST_COLUMN:
            break
        widths[widest] -= 1
        overflow -= 1
    return widths


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
