"""The platform-neutral bot: events in, replies out, with one error boundary for everything."""

from __future__ import annotations

import logging
import random
import re
import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot import daily, mock, progress, quiz
from bot.checks import CodeChecker
from bot.commands import Command, CommandRegistry
from bot.context import Context
from bot.errors import NoOpenQuestion, NotAllowed, UserError
from bot.events import ActionInvoked, CommandInvoked, Event, FormSubmitted, MessagePosted
from bot.replies import Form, Heading, Notice, Outbox, Reply, Table, Text, Tone, Visibility
from bot.schedule import PeriodicJobs
from bot.text import clean_input, clean_name, extract_code
from questions import QuestionBank
from storage import Channel, Database, Team, User, describe_fault

if TYPE_CHECKING:
    from bot.judge._client import ModelJudge

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
_ACTION = re.compile(r"^quiz:(?P<verb>[a-z-]+):(?P<post>\d+)$")


def utc_now() -> datetime:
    return datetime.now(UTC)


class Core:
    """Owns the command registry and routes each event to the feature that handles it."""

    def __init__(
        self,
        db: Database,
        bank: QuestionBank,
        *,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
        checker: CodeChecker | None = None,
        timing: daily.Timing | None = None,
        judge: ModelJudge | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self.outboxes: dict[str, Outbox] = {}
        self.quiz = quiz.QuizService(db, bank, rng or random.Random(), checker, judge)
        self.daily = daily.DailyService(db, self.quiz, self.outboxes, timing)
        self.registry = CommandRegistry()
        quiz.register(self.registry, self.quiz)
        daily.register(self.registry, self.daily)
        self.periodic = PeriodicJobs()
        self.mock = mock.MockService(db, self.quiz, self.outboxes, rng, jobs=self.periodic)
        mock.register(self.registry, self.mock)
        self.progress = progress.ProgressService(db, bank, user_cache=lambda: self._users, jobs=self.periodic)
        progress.register(self.registry, self.progress)
        self.registry.add(Command("help", "/quiz help", "List every command.", self._help))
        self._teams: dict[tuple[str, str], Team] = {}
        self._channels: dict[tuple[int, str], Channel] = {}
        self._users: dict[tuple[int, str, str], User] = {}

    @property
    def clock(self) -> Clock:
        return self._clock

    def attach(self, platform: str, outbox: Outbox) -> None:
        """Let the bot post on this platform unprompted (daily questions, reveals), starting now."""
        self.outboxes[platform] = outbox
        if self.daily.listening:
            self.daily.wake()

    def form_for(self, action_id: str) -> Form | None:
        """The form a button opens, decided without I/O: Discord accepts a modal only as the first reply."""
        match = _ACTION.match(action_id)
        return quiz.form_for(match["verb"], int(match["post"])) if match else None

    async def handle(self, event: Event, outbox: Outbox) -> None:
        """Handle one event; users see a short message for any failure, never a traceback."""
        try:
            ctx = await self._context(event, outbox)
            await self._route(ctx)
        except UserError as exc:
            await self._tell(event, outbox, exc.message, Tone.WARNING)
        except sqlite3.Error as exc:
            reference = uuid.uuid4().hex[:8]
            what, _ = describe_fault(exc)
            log.error("database fault handling %s (ref %s): %s", type(event).__name__, reference, exc)
            await self._tell(
                event,
                outbox,
                f"That was not saved: the database {what} (ref {reference}). Please try again later.",
                Tone.ERROR,
            )
        except Exception:
            reference = uuid.uuid4().hex[:8]
            log.exception("failed to handle %s (ref %s)", type(event).__name__, reference)
            message = f"Something went wrong on our side (ref {reference}); please try again."
            await self._tell(event, outbox, message, Tone.ERROR)

    async def _route(self, ctx: Context) -> None:
        event = ctx.event
        if isinstance(event, CommandInvoked):
            command, args = self.registry.resolve(clean_input(event.text))
            if command.admin_only and not event.actor.is_admin:
                raise NotAllowed(f"Only admins can use `{command.usage}`.")
            await command.handler(ctx, args)
        elif isinstance(event, MessagePosted):
            await self._answer(ctx, clean_input(event.text))
        elif isinstance(event, ActionInvoked):
            await self._action(ctx, event.action_id)
        elif isinstance(event, FormSubmitted):
            await self._form(ctx, event)

    async def _answer(self, ctx: Context, text: str) -> None:
        if not text:
            raise UserError("That message was empty after removing control characters.")
        thread = ctx.conversation.thread_id
        post = await self._db.posts.by_thread(ctx.channel.id, thread) if thread else None
        if post is None:
            raise NoOpenQuestion()
        await self.quiz.answer(ctx, post, text, private=ctx.conversation.direct)

    async def _action(self, ctx: Context, action_id: str) -> None:
        if action_id.startswith(mock.ACTION_PREFIX):
            await self.mock.act(ctx, action_id)
            return
        match = _ACTION.match(action_id)
        if match is None or match["verb"] not in ("hint", "reveal", "answer", "code"):
            raise UserError("That button is not recognised; it may be from an older version.")
        post = await self.quiz.post_by_id(ctx, int(match["post"]))
        if match["verb"] in ("answer", "code"):
            raise UserError("Answer privately with `/quiz answer <your answer>` (code in a ```python block).")
        handler = self.quiz.hint if match["verb"] == "hint" else self.quiz.reveal
        await ctx.send(await handler(ctx, post))

    async def _form(self, ctx: Context, event: FormSubmitted) -> None:
        match = _ACTION.match(event.form_id)
        if match is None or match["verb"] not in ("answer", "code"):
            raise UserError("That form is not recognised; it may be from an older version.")
        post = await self.quiz.post_by_id(ctx, int(match["post"]))
        text = clean_input(event.values.get("answer") or event.values.get("code") or "")
        if not text:
            raise UserError("That answer was empty.")
        if match["verb"] == "code" and extract_code(text) is None:
            text = f"```python\n{text}\n```"
        await self.quiz.answer(ctx, post, text, private=True)

    async def _help(self, ctx: Context, args: list[str]) -> None:
        rows = tuple((c.usage, c.summary + (" (admins)" if c.admin_only else "")) for c in self.registry)
        await ctx.send(
            Reply(
                "help",
                (
                    Heading("ScreenPrep commands"),
                    Table(("Command", "What it does"), rows),
                    Text(
                        "Answer a question by replying in its thread. Code answers go in a ```python block."
                    ),
                ),
                data={"commands": [c.usage for c in self.registry]},
            )
        )

    async def _context(self, event: Event, outbox: Outbox) -> Context:
        now = self._clock()
        where = event.conversation
        team_key = (where.platform, where.team_id)
        if team_key not in self._teams:
            self._teams[team_key] = await self._db.teams.ensure(*team_key, where.team_name, now)
        team = self._teams[team_key]
        channel_key = (team.id, where.channel_id)
        if channel_key not in self._channels:
            self._channels[channel_key] = await self._db.channels.ensure(
                team.id, where.channel_id, where.channel_name, now
            )
        name = clean_name(event.actor.display_name) or event.actor.user_id
        user_key = (team.id, event.actor.user_id, name)
        if user_key not in self._users:
            self._users[user_key] = await self._db.users.ensure(team.id, event.actor.user_id, name, now)
        return Context(event, outbox, team, self._channels[channel_key], self._users[user_key], now)

    async def _tell(self, event: Event, outbox: Outbox, text: str, tone: Tone) -> None:
        reply = Reply(
            "error" if tone is Tone.ERROR else "notice",
            (Notice(text, tone),),
            Visibility.EPHEMERAL,
            event.actor,
            event.conversation.thread_id,
        )
        try:
            await outbox.send(event.conversation, reply)
        except Exception:
            log.exception("could not deliver a notice to %s", event.conversation.channel_id)
