"""The platform-neutral bot: events in, replies out, with one error boundary for everything."""

from __future__ import annotations

import logging
import random
import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot import daily, mock, progress, quiz
from bot.actions import MockAction, QuizAction, QuizVerb, decode
from bot.answers import Answer, TextAnswer, code_from_form
from bot.checks import CodeChecker
from bot.commands import Command, CommandRegistry, Kind, Param, Suggestion, overview
from bot.context import Context
from bot.errors import NoOpenQuestion, UserError
from bot.events import ActionInvoked, CommandInvoked, Event, FormSubmitted, MessagePosted
from bot.replies import Form, Note, Outbox, ReplyKind, Tone, private_notice
from bot.schedule import PeriodicJobs
from bot.text import clean_input, clean_name
from questions import QuestionBank
from storage import Channel, Database, Team, User, describe_fault

if TYPE_CHECKING:
    from bot.judge._client import ModelJudge

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
_FORM_VERBS = frozenset({QuizVerb.ANSWER, QuizVerb.CODE})
"""The buttons that open a form; the others act at once."""


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
        about = Param(
            "command",
            "A command to explain, e.g. `schedule` or `mock start`.",
            Kind.TEXT,
            optional=True,
            placeholder="command",
            suggest=lambda typed: [
                Suggestion(n, n) for n in self.registry.names() if n.startswith(typed.lower())
            ],
        )
        self.registry.add(Command("help", "List every command, or explain one.", self._help, (about,)))
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
        action = decode(action_id)
        return quiz.form_for(action) if isinstance(action, QuizAction) else None

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
            await self.registry.dispatch(ctx, clean_input(event.text), event.options)
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
        await self.quiz.answer(ctx, post, TextAnswer(text), private=ctx.conversation.direct)

    async def _action(self, ctx: Context, action_id: str) -> None:
        action = decode(action_id)
        if isinstance(action, MockAction):
            await self.mock.act(ctx, action)
            return
        if action is None:
            raise UserError("That button is not recognised; it may be from an older version.")
        post = await self.quiz.post_by_id(ctx, action.post_id)
        if action.verb in _FORM_VERBS:
            raise UserError(
                "Answer privately with `/quiz answer <your answer>` (code in a ```python or ```sql block)."
            )
        handler = self.quiz.hint if action.verb is QuizVerb.HINT else self.quiz.reveal
        await ctx.send(await handler(ctx, post))

    async def _form(self, ctx: Context, event: FormSubmitted) -> None:
        action = decode(event.form_id)
        if not isinstance(action, QuizAction) or action.verb not in _FORM_VERBS:
            raise UserError("That form is not recognised; it may be from an older version.")
        post = await self.quiz.post_by_id(ctx, action.post_id)
        text = clean_input(event.values.get("answer") or event.values.get("code") or "")
        if not text:
            raise UserError("That answer was empty.")
        if action.verb is QuizVerb.CODE:
            answer: Answer = code_from_form(text, self.quiz.question(post.question_id).language)
        else:
            answer = TextAnswer(text)
        await self.quiz.answer(ctx, post, answer, private=True)

    async def _help(self, ctx: Context, command: str | None) -> None:
        await ctx.send(overview(list(self.registry)) if command is None else self.registry.help_for(command))

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
        kind = ReplyKind.ERROR if tone is Tone.ERROR else ReplyKind.NOTICE
        reply = private_notice(Note(text, tone, kind), event.actor, event.conversation.thread_id)
        try:
            await outbox.send(event.conversation, reply)
        except Exception:
            log.exception("could not deliver a notice to %s", event.conversation.channel_id)
