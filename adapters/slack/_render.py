"""Replies as Block Kit: pure functions that always produce a valid message within Slack's limits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.replies import (
    Block,
    Buttons,
    Code,
    Fields,
    Form,
    Heading,
    Image,
    Notice,
    Reply,
    Table,
    Text,
    Tone,
    Visibility,
)
from bot.text import ELLIPSIS, table_lines, truncate

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_HEADER_CHARS = 150
MAX_FIELDS = 10
MAX_FIELD_CHARS = 2000
MAX_ACTIONS = 25
MAX_BUTTON_CHARS = 75
MAX_ACTION_ID_CHARS = 255
MAX_FALLBACK_CHARS = 3000
MAX_TITLE_CHARS = 24
MAX_LABEL_CHARS = 2000
MAX_PLACEHOLDER_CHARS = 150
MAX_INPUT_CHARS = 3000
MAX_METADATA_CHARS = 3000

_TONE_ICON = {
    Tone.INFO: ":information_source:",
    Tone.SUCCESS: ":white_check_mark:",
    Tone.WARNING: ":warning:",
    Tone.ERROR: ":x:",
}
_FENCE_LANGUAGE = re.compile(r"```[A-Za-z0-9_+-]+[ \t]*\n")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SLACK_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
_CODE_WRAP = len("```\n\n```")
_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,3}$")
_USER_MENTION = re.compile(r"^@[UW][A-Z0-9]+$")
# mrkdwn has no escape for these (https://docs.slack.dev/messaging/formatting-message-text), so a name
# keeps its look with lookalikes instead of turning bold, italic, struck or code.
_NAME_MARKUP = str.maketrans({"*": "∗", "_": "ˍ", "~": "∼", "`": "ʼ"})
ECHO_KINDS = frozenset({"answer-status"})
LONG_INPUT_HINT = (
    "Up to {limit:,} characters here. Longer? Reply in the question's thread with a ```python block, "
    "or share your code there as a snippet or a .py file."
)

Message = dict[str, Any]


def escape(text: str) -> str:
    """Escape the three characters Slack treats as markup, so no user text can mention or link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain_name(name: str) -> str:
    """A display name that shows as written in mrkdwn, never as formatting."""
    return " ".join(name.translate(_NAME_MARKUP).split())


def from_slack(text: str) -> str:
    """Slack's message text as the user typed it: links to plain text, entities decoded.

    A user mention keeps its id, as `<@U123>` (the label dropped), so the core knows who was named:
    with `should_escape: true` Slack sends `/quiz stats @bob` as `<@U0BOB|bob>`.
    """

    def plain(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if _USER_MENTION.match(target):
            return f"<{target}>"
        if label:
            return label
        return target.removeprefix("mailto:")

    text = _SLACK_LINK.sub(plain, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


MAX_TABLE_ROWS, MAX_TABLE_COLUMNS = 100, 20
"""Slack's table block: at most 100 rows of 20 cells, one table per message, shown at the message's end
(https://docs.slack.dev/reference/block-kit/blocks/table-block)."""


def render(reply: Reply) -> Message:
    """`text` (the notification fallback) and `blocks`: at most 50, each within its own limits."""
    shown = _neutral_echoes(reply)
    native = _native_table(shown)
    blocks = [
        rendered for block in shown if block is not native for rendered in _block(block, reply.visibility)
    ]
    if native is not None:  # last, where Slack shows a table block anyway
        blocks.append(_table_block(native))
    fallback = _truncate(escape(fallback_text(reply)), MAX_FALLBACK_CHARS)
    if not blocks:
        blocks = [_section(fallback)]
    return {"text": fallback, "blocks": _within_block_limit(blocks)}


def _native_table(blocks: tuple[Block, ...]) -> Table | None:
    """The table Slack can show as a real table: the message's only one, within the row and column limits.

    Slack shows a table block at the end of its message, so it is rendered last; two tables, or one past
    the limits, stay monospace where they stand.
    """
    tables = [b for b in blocks if isinstance(b, Table)]
    if len(tables) != 1:
        return None
    table = tables[0]
    fits = len(table.rows) + 1 <= MAX_TABLE_ROWS and len(table.columns) <= MAX_TABLE_COLUMNS
    return table if fits and table.columns else None


def _table_block(table: Table) -> dict[str, Any]:
    """A header row and the rows as raw-text cells (an empty cell shows as a dash: cells need text)."""
    width = len(table.columns)

    def row(cells: tuple[str, ...]) -> list[dict[str, str]]:
        padded = [*cells[:width], *[""] * (width - len(cells))]
        return [{"type": "raw_text", "text": " ".join(c.split()) or "–"} for c in padded]

    return {"type": "table", "rows": [row(table.columns), *(row(r) for r in table.rows)]}


def _neutral_echoes(reply: Reply) -> tuple[Block, ...]:
    """An answer echoed in a thread (`open` channels) shows as typed, not as the formatting it spells."""
    if reply.kind not in ECHO_KINDS:
        return reply.blocks
    first, *rest = reply.blocks
    return (first, *(Text(plain_name(b.text)) if isinstance(b, Text) else b for b in rest))


def fallback_text(reply: Reply) -> str:
    """The first line of the first text-like block, for notifications; never empty, unlike blank blocks."""
    for block in reply.blocks:
        if isinstance(block, Heading | Notice | Text):
            line = next((line.strip() for line in block.text.splitlines() if line.strip()), "")
            if line:
                return line[:300]
    return reply.kind or "ScreenPrep"


def render_form(form: Form, private_metadata: str) -> dict[str, Any]:
    """A modal for a form; `private_metadata` carries where the answer belongs."""
    if len(private_metadata) > MAX_METADATA_CHARS:
        raise ValueError("private_metadata is longer than Slack allows")
    return {
        "type": "modal",
        "callback_id": form.form_id,
        "title": _plain(form.title, MAX_TITLE_CHARS),
        "submit": _plain(form.submit_label, MAX_TITLE_CHARS),
        "close": _plain("Cancel", MAX_TITLE_CHARS),
        "private_metadata": private_metadata,
        "blocks": [
            {
                "type": "input",
                "block_id": field.input_id,
                "label": _plain(field.label, MAX_LABEL_CHARS),
                "element": {
                    "type": "plain_text_input",
                    "action_id": field.input_id,
                    "multiline": field.multiline,
                    "max_length": max(1, min(field.max_length, MAX_INPUT_CHARS)),
                    **(
                        {"placeholder": _plain(field.placeholder, MAX_PLACEHOLDER_CHARS)}
                        if field.placeholder
                        else {}
                    ),
                },
                **(
                    {"hint": _plain(LONG_INPUT_HINT.format(limit=MAX_INPUT_CHARS), MAX_LABEL_CHARS)}
                    if field.max_length > MAX_INPUT_CHARS
                    else {}
                ),
            }
            for field in form.inputs
        ],
    }


def form_values(view: dict[str, Any]) -> dict[str, str]:
    """What was typed into a submitted modal, keyed by input id."""
    values: dict[str, str] = {}
    for block in view.get("state", {}).get("values", {}).values():
        for input_id, state in block.items():
            values[input_id] = state.get("value") or ""
    return values


def _block(block: Block, visibility: Visibility = Visibility.PUBLIC) -> list[dict[str, Any]]:
    """One neutral block as zero or more Block Kit blocks; blank content renders to nothing."""
    if isinstance(block, Heading):
        text = " ".join(block.text.split())
        return [{"type": "header", "text": _plain(text, MAX_HEADER_CHARS)}] if text else []
    if isinstance(block, Text):
        return [_section(chunk) for chunk in _chunks(_FENCE_LANGUAGE.sub("```\n", block.text.strip()))]
    if isinstance(block, Code):
        code = block.code.strip("\n").replace("```", "`\u200b`\u200b`")
        if not code.strip():
            return []
        return [_section(f"```\n{chunk}\n```") for chunk in _chunks(code, MAX_SECTION_CHARS - _CODE_WRAP)]
    if isinstance(block, Notice):
        text = block.text.strip()
        icon = _TONE_ICON[block.tone]
        return [_section(chunk) for chunk in _chunks(f"{icon} {text}" if text else icon)]
    if isinstance(block, Fields):
        return _fields(block)
    if isinstance(block, Buttons):
        return _buttons(block)
    if isinstance(block, Table):
        return [
            _section(f"```\n{chunk}\n```")
            for chunk in _chunks("\n".join(table_lines(block)), MAX_SECTION_CHARS - 8)
        ]
    if isinstance(block, Image):
        alt = block.alt.strip() or "A chart"
        where = "attached below" if visibility is Visibility.PUBLIC else "shown only in channel posts"
        note = f"📈 {alt} (the chart is {where}; the figures are here too)"
        return [
            {"type": "context", "elements": [{"type": "mrkdwn", "text": escape(note)[:MAX_SECTION_CHARS]}]}
        ]
    raise TypeError(f"no Slack rendering for {type(block).__name__}")


def _section(mrkdwn: str) -> dict[str, Any]:
    """A section of already escaped mrkdwn."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn}}


def _plain(text: str, limit: int) -> dict[str, Any]:
    """A plain_text object; Slack shows it literally, so it needs no escaping, only a length limit."""
    return {"type": "plain_text", "text": _truncate(text.strip() or "…", limit), "emoji": True}


def _fields(block: Fields) -> list[dict[str, Any]]:
    """Label and value pairs, ten to a section as Slack allows."""
    cells = [
        {
            "type": "mrkdwn",
            "text": _truncate(
                f"*{escape(key[:MAX_FIELD_CHARS])}*\n{escape(value[:MAX_FIELD_CHARS])}", MAX_FIELD_CHARS
            ),
        }
        for key, value in block.pairs
    ]
    return [
        {"type": "section", "fields": cells[start : start + MAX_FIELDS]}
        for start in range(0, len(cells), MAX_FIELDS)
    ]


def _buttons(block: Buttons) -> list[dict[str, Any]]:
    """Buttons whose action id is the core's own id, so they keep working after a restart."""
    elements = []
    for button in block.buttons:
        if len(button.action_id) > MAX_ACTION_ID_CHARS:
            raise ValueError(
                f"button id longer than {MAX_ACTION_ID_CHARS} characters: {button.action_id[:40]}…"
            )
        element: dict[str, Any] = {
            "type": "button",
            "text": _plain(button.label, MAX_BUTTON_CHARS),
            "action_id": button.action_id,
            "value": button.action_id,
        }
        if button.primary:
            element["style"] = "primary"
        elements.append(element)
    return [
        {"type": "actions", "elements": elements[start : start + MAX_ACTIONS]}
        for start in range(0, len(elements), MAX_ACTIONS)
    ]


def _chunks(text: str, budget: int = MAX_SECTION_CHARS) -> list[str]:
    """Escaped pieces of raw `text` within `budget` characters each, split between lines where possible.

    No message holds more than 50 blocks, so chunking stops there however long the text is.
    """
    chunks: list[str] = []
    current = ""
    for piece in _pieces(text, budget):
        if current and len(current) + len(piece) > budget:
            if current.strip():
                chunks.append(current.rstrip("\n"))
            if len(chunks) > MAX_BLOCKS:
                return chunks
            current = ""
        current += piece
    if current.strip():
        chunks.append(current.rstrip("\n"))
    return chunks


def _pieces(text: str, budget: int) -> Iterator[str]:
    """Escaped lines, each split further when it alone exceeds `budget`."""
    for line in text.splitlines(keepends=True):
        escaped_line = escape(line)
        if len(escaped_line) <= budget:
            yield escaped_line
            continue
        current = ""
        for ch in line:
            escaped_ch = _ESCAPES.get(ch, ch)
            if len(current) + len(escaped_ch) > budget:
                yield current
                current = ""
            current += escaped_ch
        yield current


def _truncate(text: str, limit: int) -> str:
    """At most `limit` characters, never ending inside an escape such as `&amp;`."""
    cut = truncate(text, limit)
    return cut if cut == text else _PARTIAL_ENTITY.sub("", cut.removesuffix(ELLIPSIS)) + ELLIPSIS


def _within_block_limit(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Trim content, never buttons, so a huge reply still fits in 50 blocks and keeps its actions."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    actions = [b for b in blocks if b["type"] == "actions"][: MAX_BLOCKS - 2]
    room = MAX_BLOCKS - 1 - len(actions)
    content = [b for b in blocks if b["type"] != "actions"]
    kept, dropped = content[:room], len(content) - room
    note = {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": f"_…{dropped} more part(s) were too long for one message._"}],
    }
    return [*kept, note, *actions]
