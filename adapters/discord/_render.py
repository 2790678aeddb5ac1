"""Replies and forms as Discord embeds, buttons and modals: pure functions within Discord's limits."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import discord

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
    ReplyKind,
    Table,
    Text,
    Tone,
)
from bot.text import table_lines, truncate

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
EMBED_TOTAL_LIMIT = 6000
FIELD_COUNT_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
BUTTONS_PER_ROW = 5
ROW_LIMIT = 5
BUTTON_LABEL_LIMIT = 80
CUSTOM_ID_LIMIT = 100
THREAD_NAME_LIMIT = 100
MODAL_TITLE_LIMIT = 45
MODAL_INPUT_LIMIT = 5
INPUT_LABEL_LIMIT = 45
PLACEHOLDER_LIMIT = 100
INPUT_LENGTH_LIMIT = 4000
ATTACHMENT_LIMIT = 10
ATTACHMENT_BYTES_LIMIT = 8 * 1024 * 1024
ALT_TEXT_LIMIT = 1024
_TABLE_CELL_LIMIT = 48
_SEPARATOR = "\n\n"

_TONE_ICON = {Tone.INFO: "ℹ️", Tone.SUCCESS: "✅", Tone.WARNING: "⚠️", Tone.ERROR: "❌"}
_TONE_COLOR = {
    Tone.INFO: discord.Colour(0x5865F2),
    Tone.SUCCESS: discord.Colour(0x57F287),
    Tone.WARNING: discord.Colour(0xFEE75C),
    Tone.ERROR: discord.Colour(0xED4245),
}
_QUESTION_COLOR = discord.Colour(0x5865F2)
_CODE_OR_SPAN = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)
_SLACK_BOLD = re.compile(r"(?<![*\w\\])\*(?=\S)((?:\\.|[^*\n\\])+?)(?<=\S)\*(?![*\w])")
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9_.-]")
_MARKDOWN_ESCAPE = re.compile(r"\\([^\sA-Za-z0-9])")
_LINE_MARKUP = re.compile(r"^(\s*)(#|-#|\d+\.|[-*+] )", re.M)
_THREAD_REPLY = re.compile(r"\brepl(?:y|ying) in (?:the|its) thread\b")


@dataclass(frozen=True)
class ButtonSpec:
    label: str
    custom_id: str
    primary: bool = False


@dataclass(frozen=True)
class Attachment:
    """A file uploaded with the message; the embed shows the first one as its image."""

    filename: str
    data: bytes
    description: str


@dataclass(frozen=True)
class Rendered:
    """What one Discord message carries: plain content or an embed, rows of buttons, and files."""

    content: str | None
    embed: discord.Embed | None
    rows: tuple[tuple[ButtonSpec, ...], ...] = ()
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class InputSpec:
    custom_id: str
    label: str
    multiline: bool
    placeholder: str
    max_length: int


@dataclass(frozen=True)
class ModalSpec:
    custom_id: str
    title: str
    inputs: tuple[InputSpec, ...]
    note: str = ""


@dataclass(frozen=True)
class _Piece:
    """A paragraph of the description; fenced pieces are trimmed inside their fence."""

    text: str
    fence: str | None = None

    @property
    def full(self) -> str:
        return self.text if self.fence is None else f"```{self.fence}\n{self.text}\n```"

    def fit(self, room: int) -> str:
        full = self.full
        if len(full) <= room:
            return full
        if self.fence is None:
            return full[: room - 1] + "…" if room > 1 else ""
        body_room = room - len(f"```{self.fence}\n") - len("\n```") - 1
        return f"```{self.fence}\n{self.text[:body_room]}…\n```" if body_room >= 20 else ""


def render(reply: Reply) -> Rendered:
    """A reply as one Discord message; a lone short text or notice stays plain content."""
    rows = _rows(reply.blocks)
    simple = [b for b in reply.blocks if not isinstance(b, Buttons)]
    if not rows and len(simple) == 1 and isinstance(simple[0], Notice | Text):
        content = _piece(simple[0]).full
        if content.strip() and len(content) <= CONTENT_LIMIT:
            return Rendered(content, None)
    attachments, missing = _attachments(reply.blocks)
    embed = _embed(reply, missing)
    if attachments:
        embed.set_image(url=f"attachment://{attachments[0].filename}")
    return Rendered(None, embed, rows, attachments)


def _attachments(blocks: tuple[Block, ...]) -> tuple[tuple[Attachment, ...], list[str]]:
    """Images as uploads, within Discord's count and size limits; the alt text of any left out."""
    attachments: list[Attachment] = []
    missing: list[str] = []
    for block in blocks:
        if not isinstance(block, Image):
            continue
        if len(attachments) < ATTACHMENT_LIMIT and 0 < len(block.data) <= ATTACHMENT_BYTES_LIMIT:
            name = _UNSAFE_FILENAME.sub("_", block.filename)[-100:].lstrip(".") or "image.png"
            name = f"{len(attachments)}-{name}" if any(a.filename == name for a in attachments) else name
            attachments.append(Attachment(name, block.data, _truncate(block.alt, ALT_TEXT_LIMIT)))
        else:
            missing.append(block.alt)
    return tuple(attachments), missing


def _embed(reply: Reply, missing_images: list[str]) -> discord.Embed:
    title = ""
    pieces: list[_Piece] = [_Piece(f"🖼️ {_markdown(alt)}") for alt in missing_images]
    pairs: list[tuple[str, str]] = []
    colour: discord.Colour | None = _QUESTION_COLOR if reply.kind == ReplyKind.QUESTION else None
    for block in reply.blocks:
        if isinstance(block, Heading) and not title:
            title = _truncate(" ".join(block.text.split()), TITLE_LIMIT)
        elif isinstance(block, Fields):
            pairs.extend(block.pairs)
        elif not isinstance(block, Buttons | Image):
            pieces.append(_piece(block))
            if isinstance(block, Notice) and colour is None:
                colour = _TONE_COLOR[block.tone]
    embed = discord.Embed(title=title or None, colour=colour)
    fields_size = 0
    for name, value in pairs:
        name, value = (
            _truncate(name, FIELD_NAME_LIMIT) or "\u200b",
            _truncate(value, FIELD_VALUE_LIMIT) or "\u200b",
        )
        room_left = EMBED_TOTAL_LIMIT - len(title) - fields_size - len(name) - len(value)
        if len(embed.fields) < FIELD_COUNT_LIMIT and room_left >= 200:
            embed.add_field(name=name, value=value, inline=True)
            fields_size += len(name) + len(value)
        else:
            pieces.append(_Piece(f"**{name}**: {value}"))
    budget = min(DESCRIPTION_LIMIT, EMBED_TOTAL_LIMIT - len(title) - fields_size)
    description = _fit(pieces, budget)
    if not description and not title and not embed.fields:
        description = _truncate(reply.fallback_text, DESCRIPTION_LIMIT) or reply.kind
    embed.description = description or None
    return embed


def _piece(block: Block) -> _Piece:
    if isinstance(block, Heading):
        return _Piece(f"**{_markdown(block.text)}**")
    if isinstance(block, Text):
        return _Piece(_quoted(block.text) if _is_quote(block.text) else _markdown(block.text))
    if isinstance(block, Notice):
        return _Piece(f"{_TONE_ICON[block.tone]} {_markdown(block.text)}")
    if isinstance(block, Code):
        return _Piece(_unfence(block.code.rstrip("\n")), block.language if block.language.isalnum() else "")
    if isinstance(block, Table):
        return _Piece(_table(block), "")
    raise TypeError(f"no Discord rendering for {type(block).__name__}")


def _fit(pieces: list[_Piece], limit: int) -> str:
    """Join pieces within `limit`; the first one that does not fit is trimmed and the rest dropped."""
    kept: list[str] = []
    used = 0
    for piece in pieces:
        gap = len(_SEPARATOR) if kept else 0
        text = piece.fit(limit - used - gap)
        if not text:
            break
        kept.append(text)
        used += gap + len(text)
        if text != piece.full:
            break
    return _SEPARATOR.join(kept)


def _markdown(text: str) -> str:
    """The core's `*bold*` is Discord's `**bold**`; code is left alone, and a lone ``` shown as text."""
    lone = text.count("```") % 2 == 1
    if lone:
        text = text.replace("```", "\x00")
    parts = _CODE_OR_SPAN.split(text)
    text = "".join(
        part if index % 2 else _SLACK_BOLD.sub(r"**\1**", part) for index, part in enumerate(parts)
    )
    return text.replace("\x00", "\\`\\`\\`") if lone else text


def _is_quote(text: str) -> bool:
    """A one-line `> …` block quotes someone's own words, such as an answer shown in an open channel."""
    return text.startswith("> ") and "\n" not in text


def _quoted(text: str) -> str:
    """Quoted words shown as typed: no markdown, masked links, headings or mentions of theirs take effect."""
    words = discord.utils.escape_mentions(discord.utils.escape_markdown(text[2:]))
    return "> " + _LINE_MARKUP.sub(r"\1\\\2", words)


def _unfence(code: str) -> str:
    return code.replace("```", "`\u200b``")


def _table(table: Table) -> str:
    """The shared layout, with markdown escapes undone: a code block shows them literally."""

    def plain(row: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_MARKDOWN_ESCAPE.sub(r"\1", cell) for cell in row)

    unescaped = Table(plain(table.columns), tuple(plain(row) for row in table.rows))
    return _unfence("\n".join(table_lines(unescaped, cell_limit=_TABLE_CELL_LIMIT)))


def _rows(blocks: tuple[Block, ...]) -> tuple[tuple[ButtonSpec, ...], ...]:
    """Each Buttons block starts a row; at most 5 buttons a row and 5 rows; unusable ids are dropped."""
    rows: list[tuple[ButtonSpec, ...]] = []
    for block in blocks:
        if not isinstance(block, Buttons):
            continue
        usable = [
            ButtonSpec(_truncate(b.label, BUTTON_LABEL_LIMIT), b.action_id, b.primary)
            for b in block.buttons
            if b.label.strip() and 0 < len(b.action_id) <= CUSTOM_ID_LIMIT
        ]
        for start in range(0, len(usable), BUTTONS_PER_ROW):
            rows.append(tuple(usable[start : start + BUTTONS_PER_ROW]))
    return tuple(rows[:ROW_LIMIT])


def render_form(form: Form, mention: str = "@ScreenPrep") -> ModalSpec:
    """A form as a modal within Discord's limits (title 45, at most 5 inputs, labels 45, 4,000 characters)."""
    if len(form.form_id) > CUSTOM_ID_LIMIT:
        raise ValueError(f"form id longer than {CUSTOM_ID_LIMIT} characters: {form.form_id[:40]!r}…")
    inputs = tuple(
        InputSpec(
            field.input_id[:CUSTOM_ID_LIMIT],
            _truncate(field.label, INPUT_LABEL_LIMIT) or field.input_id[:INPUT_LABEL_LIMIT],
            field.multiline,
            _truncate(field.placeholder, PLACEHOLDER_LIMIT),
            max(1, min(field.max_length, INPUT_LENGTH_LIMIT)),
        )
        for field in form.inputs[:MODAL_INPUT_LIMIT]
    )
    long_text = any(field.multiline and field.max_length >= INPUT_LENGTH_LIMIT for field in inputs)
    title = _truncate(form.title, MODAL_TITLE_LIMIT) or "ScreenPrep"
    return ModalSpec(form.form_id, title, inputs, longer_than_a_modal(mention) if long_text else "")


def longer_than_a_modal(mention: str) -> str:
    """Where text goes that a modal cannot hold: a file attached to a thread reply that mentions the bot."""
    return (
        f"Longer than {INPUT_LENGTH_LIMIT:,} characters? Reply in the question's thread starting with "
        f"{mention} and attach it as a `.py` or `.txt` file."
    )


def welcome() -> Reply:
    """What a server sees when the bot joins: what it is, and the three commands to start with."""
    return Reply(
        ReplyKind.WELCOME,
        (
            Heading("ScreenPrep is here"),
            Text("Practice for ML phone screens, right in this server. Three commands to start:"),
            Text(
                "• `/quiz ask` posts a question with its own thread; answer with its button.\n"
                "• `/quiz schedule when:09:00 Europe/Berlin mon-fri` posts one every weekday "
                "(members with Manage Server).\n"
                "• `/quiz help` lists everything else."
            ),
        ),
    )


def thread_name(reply: Reply) -> str:
    """A question's thread is named after its heading."""
    heading = next((b.text for b in reply.blocks if isinstance(b, Heading)), reply.fallback_text)
    return _truncate(" ".join(heading.split()), THREAD_NAME_LIMIT) or "Question"


def dm_closed_notice(user_id: str) -> str:
    """The short public stand-in for a private reply that could not be delivered by DM."""
    return (
        f"<@{user_id}> I have a private reply for you, but your direct messages are closed. "
        "Allow DMs from this server, or answer with the **Answer privately** button."
    )


def mention_to_reply(reply: Reply, mention: str) -> Reply:
    """Without the Message Content intent only thread replies that mention the bot reach it: say so."""

    def honest(block: Block) -> Block:
        if isinstance(block, Text | Notice) and _THREAD_REPLY.search(block.text):
            return replace(block, text=_THREAD_REPLY.sub(rf"\g<0> starting with {mention}", block.text))
        return block

    return replace(reply, blocks=tuple(honest(block) for block in reply.blocks))


def unreadable_reply_notice(mention: str) -> str:
    """What someone learns when their thread reply reached the bot without its text."""
    return (
        "I could not read your reply in the question's thread: in this server Discord shows me only "
        f"the messages that mention me. Start your reply with {mention}, or use **Answer privately** "
        "on the question."
    )


def _truncate(text: str, limit: int) -> str:
    return truncate(text.strip(), limit)
