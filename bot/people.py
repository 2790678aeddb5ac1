"""People named in commands: the one mention grammar, and the one way to find who a reference means."""

from __future__ import annotations

import re

from bot.errors import UserError
from bot.events import PersonRef
from storage import Database, User

_PLATFORM_MENTION = re.compile(r"^<@!?(?P<id>[A-Za-z0-9_.-]+)(?:\|(?P<name>[^>]*))?>$")
"""Slack's `<@U123>` / `<@U123|name>` and Discord's `<@123>` / `<@!123>`."""
_NAME_MENTION = re.compile(r"^@(?P<name>[^\s@<>]{1,64})$")


def parse_person(word: str) -> PersonRef | None:
    """A platform mention or `@name`; anything else is not a person."""
    if match := _PLATFORM_MENTION.match(word):
        return PersonRef(word, external_id=match["id"], name=match["name"] or None)
    if match := _NAME_MENTION.match(word):
        return PersonRef(word, name=match["name"])
    return None


def person_or_name(word: str) -> PersonRef:
    """A mention, or else the word itself taken as a display name (`/quiz stats bob`)."""
    return parse_person(word) or PersonRef(word, name=word)


async def find_person(db: Database, team_id: int, person: PersonRef) -> User | None:
    """By platform id when there is one, else by display name ignoring case; a shared name is refused."""
    if person.external_id:
        return await db.mock.user_by_external_id(team_id, person.external_id)
    found = await db.mock.users_named(team_id, person.name or "")
    if len(found) > 1:
        raise UserError(
            f"More than one person here is called {person.raw[:40]}; use the platform's @-mention."
        )
    return found[0] if found else None
