"""Answers shared as a file or a snippet (`subtype: file_share`): read as text, or refused in words.

A message event carries each file's `url_private`, which Slack serves only with the bot token in an
Authorization header (https://docs.slack.dev/messaging/working-with-files, "Authentication"), and
only to an app with the `files:read` scope.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from aiohttp import ClientError, ClientSession, ClientTimeout

from bot.errors import UserError
from bot.text import fenced
from questions import Language

MAX_FILE_BYTES = 100_000
DOWNLOAD_SECONDS = 10.0
CODE_TYPES = frozenset({"python", "ipython"})
TEXT_TYPES = CODE_TYPES | frozenset({"text", "markdown", "plain", "post"})


class Unreadable(UserError):
    """A shared file the bot cannot grade; the message says what to send instead."""


def shared_files(event: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The files attached to a message event (empty for an ordinary message)."""
    files = event.get("files")
    return [f for f in files if isinstance(f, Mapping)] if isinstance(files, list) else []


async def answer_text(text: str, files: Sequence[Mapping[str, Any]], token: str) -> str:
    """The message's own text followed by each file's contents, code files in a ```python block."""
    parts = [text.strip()] if text.strip() else []
    for file in files:
        parts.append(_as_answer(file, await _download(file, token)))
    return "\n\n".join(parts)


def _check(file: Mapping[str, Any]) -> str:
    """The URL to fetch, once the file is known to be text of a readable size."""
    name = str(file.get("name") or file.get("title") or "that file")[:80]
    kind = str(file.get("filetype") or "")
    mimetype = str(file.get("mimetype") or "")
    if kind not in TEXT_TYPES and not mimetype.startswith("text/") and not name.endswith(".py"):
        pretty = file.get("pretty_type") or kind or "not text"
        raise Unreadable(
            f"I can only read text answers, and {name} is {pretty}. Paste your answer, or share it "
            "as a snippet or a .py file."
        )
    if int(file.get("size") or 0) > MAX_FILE_BYTES:
        raise Unreadable(f"{name} is larger than {MAX_FILE_BYTES // 1000} KB; share a shorter answer.")
    url = file.get("url_private_download") or file.get("url_private")
    if not url:
        raise Unreadable(f"Slack did not let me open {name}; paste it in a ```python block instead.")
    return str(url)


async def _download(file: Mapping[str, Any], token: str) -> str:
    url = _check(file)
    name = str(file.get("name") or "that file")[:80]
    headers = {"Authorization": f"Bearer {token}"}
    try:
        async with (
            ClientSession(timeout=ClientTimeout(total=DOWNLOAD_SECONDS)) as session,
            session.get(url, headers=headers) as response,
        ):
            body = await response.content.read(MAX_FILE_BYTES + 1)
            ok = response.status == 200 and not response.content_type.startswith("text/html")
    except (ClientError, TimeoutError):
        raise Unreadable(f"I could not download {name} just now; please share it again.") from None
    if not ok:
        raise Unreadable(f"Slack did not let me open {name}; paste it in a ```python block instead.")
    if len(body) > MAX_FILE_BYTES:
        raise Unreadable(f"{name} is larger than {MAX_FILE_BYTES // 1000} KB; share a shorter answer.")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable(f"{name} is not UTF-8 text; paste your answer instead.") from None


def _as_answer(file: Mapping[str, Any], content: str) -> str:
    """Code files become a fenced block (the core grades code only in one); text stays as it is."""
    is_code = file.get("filetype") in CODE_TYPES or str(file.get("name") or "").endswith(".py")
    return fenced(content.strip("\n"), Language.PYTHON) if is_code else content.strip()
