"""Who a Slack user is: a display name and admin rights, from users.info (cached) and SCREENPREP_ADMINS."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError

from adapters.slack._payloads import PLATFORM
from adapters.slack._render import plain_name
from adapters.slack._workspaces import Workspaces
from bot.events import Actor

log = logging.getLogger(__name__)

LOOKUP_TTL = 600.0
FAILED_LOOKUP_TTL = 60.0
MAX_CACHED = 5000


@dataclass(frozen=True)
class _Profile:
    name: str
    admin: bool
    expires: float


class People:
    """Actors for Slack user ids; a failed lookup degrades to the payload's name and the admin list."""

    def __init__(
        self,
        workspaces: Workspaces,
        admins: frozenset[str] = frozenset(),
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._workspaces = workspaces
        self._admins = admins
        self._clock = clock
        self._cache: dict[tuple[str, str], _Profile] = {}

    async def actor(self, team_id: str, user_id: str, fallback_name: str = "") -> Actor:
        """The person in that workspace, with a display name that cannot format a message."""
        profile = self._cache.get((team_id, user_id))
        if profile is None or profile.expires <= self._clock():
            profile = await self._lookup(team_id, user_id, fallback_name)
            if len(self._cache) >= MAX_CACHED:
                self._cache.clear()
            self._cache[(team_id, user_id)] = profile
        name = plain_name(profile.name) or user_id
        return Actor(PLATFORM, user_id, name, is_admin=profile.admin or user_id in self._admins)

    async def _lookup(self, team_id: str, user_id: str, fallback_name: str) -> _Profile:
        try:
            client = await self._workspaces.client(team_id)
            response = await client.users_info(user=user_id)
        except SlackApiError as exc:
            log.warning("users.info failed for %s: %s", user_id, exc.response.get("error", "unknown error"))
            return _Profile(fallback_name or user_id, False, self._clock() + FAILED_LOOKUP_TTL)
        except Exception as exc:
            log.warning("users.info failed for %s: %s", user_id, type(exc).__name__)
            return _Profile(fallback_name or user_id, False, self._clock() + FAILED_LOOKUP_TTL)
        user: dict[str, Any] = response.get("user") or {}
        profile = user.get("profile") or {}
        name = (
            profile.get("display_name")
            or profile.get("real_name")
            or user.get("real_name")
            or user.get("name")
            or fallback_name
            or user_id
        )
        admin = bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
        return _Profile(name, admin, self._clock() + LOOKUP_TTL)
