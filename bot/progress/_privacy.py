"""`/quiz forget-me`: say exactly what would be deleted, then delete it on a confirmation."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from datetime import datetime, timedelta

from bot.errors import UserError
from bot.progress._views import ForgetMeAsked, Forgotten
from bot.replies import Reply, Visibility
from storage import Database, User

CONFIRM_WITHIN = timedelta(minutes=10)


class ForgetMe:
    """Two steps, so nobody erases their history with one stray command."""

    def __init__(self, db: Database, user_cache: Callable[[], MutableMapping]) -> None:
        self._db = db
        self._user_cache = user_cache
        self._asked: dict[int, datetime] = {}

    async def ask(self, user: User, now: datetime) -> Reply:
        counts = await self._db.privacy.footprint(user.id)
        self._asked[user.id] = now
        return Reply.of(ForgetMeAsked(counts), Visibility.EPHEMERAL)

    async def confirm(self, user: User, now: datetime) -> Reply:
        asked = self._asked.pop(user.id, None)
        if asked is None or now - asked > CONFIRM_WITHIN:
            raise UserError("First send `/quiz forget-me` to see what would be deleted, then confirm.")
        await self._db.privacy.forget(user.id)
        cache = self._user_cache()
        for key in [key for key, cached in cache.items() if cached.id == user.id]:
            del cache[key]
        return Reply.of(Forgotten(user.id), Visibility.EPHEMERAL)
