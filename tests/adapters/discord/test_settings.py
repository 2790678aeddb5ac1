"""Discord settings from the environment: defaults, lists, flags, and errors that name the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.discord import DiscordSettings, SettingsError, configured


def test_only_the_token_is_required_and_the_rest_has_defaults():
    settings = DiscordSettings.from_environ({"DISCORD_TOKEN": " secret-token "})
    assert settings == DiscordSettings(
        token="secret-token", guild_ids=(), message_content=False, admins=frozenset()
    )
    assert "secret-token" not in repr(settings)
    with pytest.raises(SettingsError, match="DISCORD_TOKEN"):
        DiscordSettings.from_environ({})
    assert (
        configured({"DISCORD_TOKEN": "x"}) and not configured({}) and not configured({"DISCORD_TOKEN": " "})
    )


def test_guild_ids_admins_and_the_content_flag():
    settings = DiscordSettings.from_environ(
        {
            "DISCORD_TOKEN": "t",
            "DISCORD_GUILD_IDS": "123, 456,",
            "DISCORD_MESSAGE_CONTENT": "1",
            "SCREENPREP_ADMINS": "789,U024BE7LH",
        }
    )
    assert settings.guild_ids == (123, 456)
    assert settings.message_content is True
    assert settings.admins == {"789", "U024BE7LH"}, "Slack ids in the shared list are harmless"


def test_the_commands_record_file_can_be_named():
    settings = DiscordSettings.from_environ(
        {"DISCORD_TOKEN": "t", "DISCORD_COMMANDS_FILE": " /var/lib/sp.json "}
    )
    assert settings.commands_file == Path("/var/lib/sp.json")


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DISCORD_GUILD_IDS", "123,my-server"), ("DISCORD_MESSAGE_CONTENT", "maybe")],
)
def test_unusable_values_fail_at_start_up_naming_the_variable(variable: str, value: str):
    with pytest.raises(SettingsError, match=variable):
        DiscordSettings.from_environ({"DISCORD_TOKEN": "t", variable: value})
