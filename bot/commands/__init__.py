"""Commands are data: each declares its parameters once; parsing, help, completion and platform
options are all read from that declaration."""

from bot.commands._declare import Command, Handler, Kind, Param, Suggestion
from bot.commands._help import overview, usage
from bot.commands._parse import Arguments, arguments
from bot.commands._registry import CommandRegistry, Resolved

__all__ = [
    "Arguments",
    "Command",
    "CommandRegistry",
    "Handler",
    "Kind",
    "Param",
    "Resolved",
    "Suggestion",
    "arguments",
    "overview",
    "usage",
]
