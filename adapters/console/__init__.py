"""The terminal adapter: one team channel on stdin/stdout, the embedded default."""

from adapters.console._render import render
from adapters.console._session import ConsoleOutbox, ConsoleSession, messages, run_session

__all__ = ["ConsoleOutbox", "ConsoleSession", "messages", "render", "run_session"]
