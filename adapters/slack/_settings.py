"""Slack's settings: the section declared with all the others in bot.config, and its start-up error."""

from __future__ import annotations

from bot.config import SettingsError, SlackSettings

SlackStartupError = SettingsError
"""Slack cannot start as configured (a bad variable, a rejected token); the message holds no secret."""

configured = SlackSettings.configured

DEFAULT_MAX_CONNECTIONS = SlackSettings.model_fields["max_connections"].default

__all__ = ["DEFAULT_MAX_CONNECTIONS", "SlackSettings", "SlackStartupError", "configured"]
