"""Where a round lives and who its members are, rebuilt from storage so timers can speak unprompted."""

from __future__ import annotations

from bot.events import Actor, Conversation
from storage import MockMember, ScheduledChannel, User


def where(channel: ScheduledChannel) -> Conversation:
    return Conversation(
        channel.platform,
        channel.team_external_id,
        channel.channel_external_id,
        team_name=channel.team_name,
        channel_name=channel.channel_name,
    )


def actor_of(platform: str, person: MockMember | User) -> Actor:
    """The platform identity of a stored person, so private replies reach them."""
    return Actor(platform, person.external_id, person.display_name)
