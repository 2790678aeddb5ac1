"""Persistent quiz buttons (a DynamicItem matched by custom id) and the modals behind them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Protocol, runtime_checkable

import discord

from adapters.discord._render import ButtonSpec, ModalSpec
from bot.actions import ID_PATTERN, ID_TEMPLATE


@runtime_checkable
class ActionHandler(Protocol):
    """What the client offers a pressed button: the whole custom id, state included."""

    async def quiz_action(self, interaction: discord.Interaction, custom_id: str) -> None: ...


class QuizButton(discord.ui.DynamicItem[discord.ui.Button], template=ID_TEMPLATE):
    """Rebuilt from the custom id on every press, so buttons on old posts work after a restart.

    The template takes every action family the core uses (`quiz:hint:12`, `mock:rec:3:strong-yes`).
    """

    def __init__(self, custom_id: str, label: str = "Quiz", primary: bool = False, row: int | None = None):
        style = discord.ButtonStyle.primary if primary else discord.ButtonStyle.secondary
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=custom_id), row=row)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> QuizButton:
        button = item if isinstance(item, discord.ui.Button) else None
        label = button.label if button and button.label else "Quiz"
        primary = bool(button and button.style is discord.ButtonStyle.primary)
        return cls(match.string, label, primary)

    async def callback(self, interaction: discord.Interaction) -> None:
        client = interaction.client
        if isinstance(client, ActionHandler):
            await client.quiz_action(interaction, self.custom_id)


def build_view(rows: tuple[tuple[ButtonSpec, ...], ...]) -> discord.ui.View | None:
    """The buttons of a rendered reply; ids that do not match the template are left out."""
    view = discord.ui.View(timeout=None)
    for index, row in enumerate(rows):
        for spec in row:
            if ID_PATTERN.match(spec.custom_id):
                view.add_item(QuizButton(spec.custom_id, spec.label, spec.primary, row=index))
    return view if view.children else None


class QuizModal(discord.ui.Modal):
    """A form's modal; its submission is handled from the raw interaction, so it needs no state."""

    def __init__(self, spec: ModalSpec) -> None:
        super().__init__(title=spec.title, custom_id=spec.custom_id, timeout=None)
        if spec.note:
            self.add_item(discord.ui.TextDisplay(spec.note))
        for field in spec.inputs:
            self.add_item(
                discord.ui.TextInput(
                    label=field.label,
                    custom_id=field.custom_id,
                    style=discord.TextStyle.paragraph if field.multiline else discord.TextStyle.short,
                    placeholder=field.placeholder or None,
                    max_length=field.max_length,
                )
            )
        self.stop()


def form_values(data: Any) -> dict[str, str]:
    """Every text input's value in a modal submission, in action rows or in labels."""
    return {item["custom_id"]: item["value"] for item in _walk(data) if isinstance(item.get("value"), str)}


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "custom_id" in node and "value" in node:
            yield node
        for key in ("components", "component"):
            yield from _walk(node.get(key))
    elif isinstance(node, list):
        for child in node:
            yield from _walk(child)
