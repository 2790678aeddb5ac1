"""Discord's settings: the section declared with all the others in bot.config."""

from __future__ import annotations

from bot.config import DiscordSettings, SettingsError

configured = DiscordSettings.configured

__all__ = ["DiscordSettings", "SettingsError", "configured"]
