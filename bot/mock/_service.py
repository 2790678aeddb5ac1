"""Mock rounds: start them, run their clock, follow answers to their questions, close with scorecards.

All round state lives in SQLite and every step is guarded there, so the timer, an answer that completes
a question and a host's `next` can race (even from two processes) and each step still happens once.
A restart resumes from the stored clock.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot.actions import MockAction, MockVerb
from bot.context import Context
from bot.errors import NotAllowed, NotFound, UserError
from bot.events import PersonRef
from bot.lazy import lazy_module
from bot.mock._checklist import KEYS, detect, states
from bot.mock._parsing import StartRequest
from bot.mock._rounds import (
    WARNING_SECONDS,
    check_shares,
    clock_text,
    clock_used,
    plan_agenda,
    round_seconds_left,
    seconds_left,
    share_for,
    weight_of,
)
from bot.mock._scorecard import QuestionResult, Scorecard, result_for, scorecard
from bot.mock._weekly import WeeklyPairing
from bot.mock._where import actor_of, where
from bot.people import find_person
from bot.quiz import QuizService
from bot.replies import Outbox, ReplyKind
from bot.schedule import PeriodicJobs
from bot.text import clean_name
from questions import Question
from storage import (
    AwardMode,
    AwardOffer,
    Database,
    MockMember,
    MockQuestion,
    MockRound,
    Post,
    PostSource,
    Role,
    RoundMode,
    RoundState,
    ScheduledChannel,
    User,
)

if TYPE_CHECKING:
    from bot.mock import _views as views
else:
    views = lazy_module("bot.mock._views")


log = logging.getLogger(__name__)

TICK_SECONDS = 5
"""How often round clocks are checked: a question closes at most this late."""


@dataclass(frozen=True)
class _Live:
    """A round as stored now, with its channel, agenda and members."""

    round: MockRound
    channel: ScheduledChannel
    slots: list[MockQuestion]
    members: list[MockMember]

    @property
    def total(self) -> int:
        return len(self.slots)

    @property
    def current(self) -> MockQuestion:
        return self.slots[self.round.position]

    @property
    def candidates(self) -> list[MockMember]:
        return [m for m in self.members if m.role is Role.CANDIDATE]

    @property
    def interviewer(self) -> MockMember | None:
        return next((m for m in self.members if m.role is Role.INTERVIEWER), None)


class MockService:
    def __init__(
        self,
        db: Database,
        quiz: QuizService,
        outboxes: Mapping[str, Outbox],
        rng: random.Random | None = None,
        *,
        jobs: PeriodicJobs,
    ) -> None:
        self._db = db
        self._quiz = quiz
        self._outboxes = outboxes
        self._rng = rng or random.Random()
        self.pairing = WeeklyPairing(db, outboxes)
        quiz.watch(self)
        jobs.every(TICK_SECONDS, "mock:tick", self.tick)

    # commands

    async def start(self, ctx: Context, request: StartRequest) -> None:
        """Draw the agenda, store the round, announce it and put the first question on the clock."""
        if await self._db.mock.live(ctx.channel.id):
            raise UserError(_BUSY)
        people = [await self._resolve(ctx, mention) for mention in request.mentions]
        members = _pair_members(people) if request.pair else _group_members(ctx.user, people)
        weights = await self._quiz.weights(ctx.channel.id)
        last_used = await self._db.posts.last_used(ctx.channel.id)
        agenda = plan_agenda(self._quiz.bank, weights, last_used, request.plan, self._rng)
        shares = check_shares(request.plan, agenda)
        mock_round = await self._db.mock.start(
            channel_id=ctx.channel.id,
            host_id=ctx.user.id,
            mode=RoundMode.PAIR if request.pair else RoundMode.GROUP,
            minutes=request.plan.minutes,
            agenda=[(q.id, weight_of(q)) for q in agenda],
            members=members,
            now=ctx.now,
        )
        if mock_round is None:
            raise UserError(_BUSY)
        live = await self._load(mock_round.id)
        interviewer = live.interviewer.display_name if live.interviewer else None
        names = [m.display_name for m in live.candidates]
        card = views.started(mock_round, agenda, shares, ctx.user.display_name, names, interviewer)
        await ctx.outbox.send(where(live.channel), card)
        await self._open(live, 0, ctx.now, ctx.outbox)

    async def join(self, ctx: Context) -> None:
        live = await self._live_here(ctx)
        if live.round.mode is RoundMode.PAIR:
            raise UserError(
                "A pair round is one interviewer and one candidate. Start your own with `/quiz mock start`."
            )
        if not await self._db.mock.join(live.round.id, ctx.user.id, Role.CANDIDATE, ctx.now):
            await ctx.notice("You are already taking part in this round.")
            return
        live = await self._load(live.round.id)
        people = [m.display_name for m in live.candidates]
        await ctx.outbox.send(where(live.channel), views.joined(ctx.user.display_name, people))

    async def next(self, ctx: Context) -> None:
        live = await self._controlled(ctx)
        await self._advance(live, ctx.now, ctx.outbox, f"moved on by {ctx.user.display_name}")

    async def end(self, ctx: Context) -> None:
        live = await self._controlled(ctx)
        await self._close(live, live.round.position, ctx.now, ctx.outbox, f"ended by {ctx.user.display_name}")
        await self._finish(live.round.id, ctx.now, ctx.outbox)

    async def pause(self, ctx: Context) -> None:
        live = await self._controlled(ctx)
        if not await self._db.mock.pause(live.round.id, ctx.now):
            raise UserError("The round is already paused; `/quiz mock resume` restarts the clock.")
        live = await self._load(live.round.id)
        left = seconds_left(live.current, ctx.now)
        text = (
            f"⏸ {ctx.user.display_name} paused the round with {clock_text(left)} left on question "
            f"{live.round.position + 1}. `/quiz mock resume` restarts the clock."
        )
        await ctx.outbox.send(
            where(live.channel), views.clock_change(ReplyKind.MOCK_PAUSED, text, live.round.position, left)
        )

    async def resume(self, ctx: Context) -> None:
        live = await self._controlled(ctx)
        if not await self._db.mock.resume(live.round.id, ctx.now):
            raise UserError("The round is not paused.")
        live = await self._load(live.round.id)
        left = seconds_left(live.current, ctx.now)
        text = f"▶ The clock runs again: {clock_text(left)} left on question {live.round.position + 1}."
        reply = views.clock_change(ReplyKind.MOCK_RESUMED, text, live.round.position, left)
        await ctx.outbox.send(where(live.channel), reply)
        await self._maybe_advance(live, ctx.now, ctx.outbox)

    async def status(self, ctx: Context) -> None:
        live = await self._live_here(ctx)
        slot = live.current
        answers = await self._db.mock.answers(live.round.id)
        done = {a.user_id for a in answers if a.position == slot.position}
        reply = views.status(
            live.round,
            self._quiz.question(slot.question_id),
            live.total,
            seconds_left(slot, ctx.now),
            round_seconds_left(live.slots, live.round.minutes * 60, ctx.now),
            [m.display_name for m in live.candidates if m.user_id in done],
            [m.display_name for m in live.candidates if m.user_id not in done],
            ctx.actor,
        )
        await ctx.send(reply)

    # the quiz's post watcher: answers, hints and reveals on round questions

    async def allow(self, ctx: Context, post: Post, action: str) -> None:
        """Refuse what would spoil a round: early reveals, and in pair rounds hints or answers by others."""
        found = await self._db.mock.by_post(post.id) if post.source is PostSource.MOCK else None
        if found is None:
            return
        mock_round, _ = found
        if action == "reveal" and post.revealed_at is None:
            raise NotAllowed(
                "Round questions are revealed together when they close; the host can move on with "
                "`/quiz mock next`."
            )
        if mock_round.mode is not RoundMode.PAIR or mock_round.state is RoundState.ENDED:
            return
        role = next(
            (m.role for m in await self._db.mock.members(mock_round.id) if m.user_id == ctx.user.id), None
        )
        if role is Role.INTERVIEWER:
            raise NotAllowed(
                "You are the interviewer: your private view has the answer, and the candidate answers."
            )
        if action == "hint":
            raise NotAllowed("In a pair round the interviewer gives the hints.")
        if role is not Role.CANDIDATE:
            raise NotAllowed(
                "This is a pair round for its candidate. Start your own with `/quiz mock start`."
            )

    async def answered(self, ctx: Context, post: Post) -> None:
        """Record who answered a round question and when; a full house closes the question early."""
        found = await self._db.mock.by_post(post.id) if post.source is PostSource.MOCK else None
        if found is None or found[0].state is RoundState.ENDED:
            return
        mock_round, slot = found
        if mock_round.mode is RoundMode.GROUP and await self._db.mock.join(
            mock_round.id, ctx.user.id, Role.CANDIDATE, ctx.now
        ):
            await ctx.notice("You joined this mock round by answering; your scorecard comes when it ends.")
        late = post.revealed_at is not None
        used = clock_used(slot, ctx.now)
        if (
            await self._db.mock.record_answer(mock_round.id, slot.position, ctx.user.id, used, late, ctx.now)
            and late
        ):
            await ctx.notice(
                "Time was up for this question, so your answer is marked late on your scorecard. "
                "It earns no points: the answers were already revealed."
            )
        live = await self._load(mock_round.id)
        if live.interviewer is not None:
            result = await self._settle(live, live.slots[slot.position], ctx.now)
            await ctx.outbox.send(
                where(live.channel),
                views.candidate_answer(
                    result.question,
                    slot.position,
                    ctx.user.display_name,
                    result,
                    actor_of(live.channel.platform, live.interviewer),
                ),
            )
        await self._maybe_advance(live, ctx.now, ctx.outbox)

    # buttons

    async def act(self, ctx: Context, action: MockAction) -> None:
        """A button from an interviewer view or a scorecard."""
        live = await self._load(action.round_id)
        if action.verb in (MockVerb.HIT, MockVerb.MISS):
            await self._mark(ctx, live, action.arg, covered=action.verb is MockVerb.HIT)
        elif action.verb is MockVerb.RECOMMEND:
            await self._recommend(ctx, live, action.arg)
        else:
            await self._tick_item(ctx, live, action.arg)

    async def _mark(self, ctx: Context, live: _Live, arg: str, *, covered: bool) -> None:
        self._require_interviewer(ctx, live)
        if live.round.state is RoundState.ENDED:
            raise UserError("This round has ended; its scorecard is final.")
        slot, question, point = self._key_point(live, arg)
        await self._db.mock.mark(live.round.id, slot.position, point, covered, ctx.now)
        result = await self._settle(live, slot, ctx.now)
        marks = await self._db.mock.marks(live.round.id)
        given = {i: marks.get((slot.position, i)) for i in range(len(question.rubric))}
        await ctx.send(views.marked(question, slot.position, given, result.score or 0.0, ctx.actor))
        await self._maybe_advance(await self._load(live.round.id), ctx.now, ctx.outbox)

    def _key_point(self, live: _Live, arg: str) -> tuple[MockQuestion, Question, int]:
        """The asked question and key point a mark button names as `<position>-<point>`."""
        position, _, point = arg.partition("-")
        if position.isdecimal() and point.isdecimal() and int(position) < live.total:
            slot = live.slots[int(position)]
            question = self._quiz.question(slot.question_id)
            if slot.opened_at is not None and int(point) < len(question.rubric):
                return slot, question, int(point)
        raise UserError("That key point is not part of this round.")

    async def _recommend(self, ctx: Context, live: _Live, value: str) -> None:
        interviewer = self._require_interviewer(ctx, live)
        if value not in views.RECOMMENDATIONS:
            raise UserError("That recommendation is not on the scale.")
        await self._db.mock.recommend(live.round.id, value)
        await ctx.send(views.recommendation(value, interviewer.display_name, ctx.actor, to_candidate=False))
        if live.round.state is RoundState.ENDED:
            for candidate in live.candidates:
                reply = views.recommendation(
                    value,
                    interviewer.display_name,
                    actor_of(live.channel.platform, candidate),
                    to_candidate=True,
                )
                await ctx.outbox.send(where(live.channel), reply)

    async def _tick_item(self, ctx: Context, live: _Live, item: str) -> None:
        member = next((m for m in live.candidates if self._is(ctx, live, m)), None)
        if member is None:
            raise NotAllowed("Only the person this scorecard belongs to can tick its checklist.")
        if item not in KEYS:
            raise UserError("That checklist item is not recognised.")
        await self._db.mock.toggle_tick(live.round.id, member.user_id, item)
        attempts = await self._db.mock.attempts(live.round.id)
        detected = detect(a.answer for a in attempts if a.user_id == member.user_id)
        ticked = await self._db.mock.ticks(live.round.id, member.user_id)
        await ctx.send(views.checklist(states(detected, ticked), ctx.actor))

    # the clock

    async def tick(self, now: datetime) -> None:
        """Warn, close and open round questions that are due, then post any weekly pairs that are due."""
        for mock_round, _ in await self._db.mock.running(tuple(self._outboxes)):
            try:
                await self._tick_round(mock_round.id, now)
            except Exception:
                log.exception("mock round %s could not tick; it is retried on the next tick", mock_round.id)
        await self.pairing.tick(now)

    async def _tick_round(self, round_id: int, now: datetime) -> None:
        live = await self._load(round_id)
        slot = live.current
        if slot.opened_at is None:
            await self._open(live, slot.position, now, None)
            return
        if slot.closed_at is not None:
            await self._continue(live.round.id, slot.position, now, None)
            return
        left = seconds_left(slot, now)
        if left <= 0:
            await self._advance(live, now, None, "time is up")
        elif (
            left <= WARNING_SECONDS and not slot.warned and await self._db.mock.warn(round_id, slot.position)
        ):
            post = await self._db.posts.get(slot.post_id) if slot.post_id else None
            thread = post.thread_ref if post else None
            await self._out(live, None).send(
                where(live.channel).in_thread(thread), views.warning(slot.position, left, thread)
            )
        else:
            await self._maybe_advance(live, now, None)

    # round steps; each is guarded in storage so it happens once

    async def _open(self, live: _Live, position: int, now: datetime, outbox: Outbox | None) -> None:
        share = share_for(live.slots, position, live.round.minutes * 60)
        if not await self._db.mock.open(live.round.id, position, share, True, now):
            return
        question = self._quiz.question(live.slots[position].question_id)
        post = await self._db.posts.create(
            live.channel.channel_id, question.id, self._rng.getrandbits(31), PostSource.MOCK, now
        )
        await self._db.mock.attach_post(live.round.id, position, post.id)
        instance = self._quiz.instance(post)
        out, place = self._out(live, outbox), where(live.channel)
        ref = await out.send(place, views.round_card(instance, post, live.round, position, live.total, share))
        await self._db.posts.attach_message(post.id, ref.message_id, ref.thread_id)
        interviewer = live.interviewer
        if interviewer is not None:
            candidate = live.candidates[0].display_name if live.candidates else "the candidate"
            view = views.interviewer_view(
                instance,
                live.round,
                position,
                live.total,
                candidate,
                actor_of(live.channel.platform, interviewer),
            )
            await out.send(place, view)

    async def _close(
        self, live: _Live, position: int, now: datetime, outbox: Outbox | None, reason: str
    ) -> bool:
        """Stop the question's clock and reveal everyone's answers together."""
        if not await self._db.mock.close(live.round.id, position, now):
            return False
        live = await self._load(live.round.id)
        slot = live.slots[position]
        post = await self._db.posts.get(slot.post_id) if slot.post_id else None
        if post is None:
            return True
        await self._db.posts.mark_revealed(post.id, now)
        rows = [(m.display_name, result) for m, result in await self._results(live, slot)]
        reply = views.reveal(self._quiz.instance(post), position, live.total, rows, reason, post.thread_ref)
        await self._out(live, outbox).send(where(live.channel).in_thread(post.thread_ref), reply)
        return True

    async def _advance(self, live: _Live, now: datetime, outbox: Outbox | None, reason: str) -> None:
        position = live.round.position
        await self._close(live, position, now, outbox, reason)
        await self._continue(live.round.id, position, now, outbox)

    async def _continue(self, round_id: int, closed: int, now: datetime, outbox: Outbox | None) -> None:
        live = await self._load(round_id)
        if closed + 1 < live.total:
            await self._open(live, closed + 1, now, outbox)
        else:
            await self._finish(round_id, now, outbox)

    async def _maybe_advance(self, live: _Live, now: datetime, outbox: Outbox | None) -> None:
        slot = live.current
        if live.round.state is not RoundState.RUNNING or slot.opened_at is None or slot.closed_at is not None:
            return
        reason = await self._complete(live, slot)
        if reason:
            await self._advance(live, now, outbox, reason)

    async def _complete(self, live: _Live, slot: MockQuestion) -> str | None:
        """Why the question may close early: everyone answered, or the interviewer marked every point."""
        answers = await self._db.mock.answers(live.round.id)
        answered = {a.user_id for a in answers if a.position == slot.position}
        rubric = self._quiz.question(slot.question_id).rubric
        if live.interviewer is not None and rubric:
            marks = await self._db.mock.marks(live.round.id)
            done = all((slot.position, i) in marks for i in range(len(rubric)))
            return "every key point marked" if done else None
        if live.candidates and all(m.user_id in answered for m in live.candidates):
            return "everyone answered"
        return None

    async def _finish(self, round_id: int, now: datetime, outbox: Outbox | None) -> None:
        """End the round: a summary in the channel and a private scorecard for each participant."""
        if not await self._db.mock.end(round_id, now):
            return
        live = await self._load(round_id)
        cards = await self._scorecards(live)
        out, place, platform = self._out(live, outbox), where(live.channel), live.channel.platform
        await out.send(place, views.summary(live.round, cards))
        interviewer = live.interviewer
        for card in cards:
            started = live.round.started_at
            await out.send(
                place, views.scorecard(card, live.round, started, actor_of(platform, card.member), own=True)
            )
            if interviewer is not None:
                copy = views.scorecard(card, live.round, started, actor_of(platform, interviewer), own=False)
                await out.send(place, copy)
        if interviewer is not None and live.round.recommendation is None and live.candidates:
            prompt = views.recommend_prompt(
                round_id, live.candidates[0].display_name, actor_of(platform, interviewer)
            )
            await out.send(place, prompt)

    # scoring

    async def _results(self, live: _Live, slot: MockQuestion) -> list[tuple[MockMember, QuestionResult]]:
        answers = await self._db.mock.answers(live.round.id)
        attempts = await self._db.mock.attempts(live.round.id)
        marks = await self._db.mock.marks(live.round.id)
        question = self._quiz.question(slot.question_id)
        pair = live.interviewer is not None
        return [
            (m, result_for(slot, question, m.user_id, answers, attempts, marks, pair=pair))
            for m in live.candidates
        ]

    async def _settle(self, live: _Live, slot: MockQuestion, now: datetime) -> QuestionResult:
        """Keep the candidate's 'mock' points equal to the interviewer's marks (one candidate a pair)."""
        member, result = (await self._results(live, slot))[0]
        marks = await self._db.mock.marks(live.round.id)
        marked = any(position == slot.position for position, _ in marks)
        if slot.post_id and result.score is not None and (marked or not result.late):
            offer = AwardOffer(
                user_id=member.user_id,
                channel_id=live.channel.channel_id,
                post_id=slot.post_id,
                reason="mock",
                category=self._quiz.question(slot.question_id).category,
                points=result.points,
                score=result.score,
                at=now,
                mode=AwardMode.EXACT,
            )
            await self._db.ledger.record(offer)
        return result

    async def _scorecards(self, live: _Live) -> list[Scorecard]:
        answers = await self._db.mock.answers(live.round.id)
        attempts = await self._db.mock.attempts(live.round.id)
        marks = await self._db.mock.marks(live.round.id)
        awarded = await self._db.mock.awarded(live.round.id)
        agenda = [(slot, self._quiz.question(slot.question_id)) for slot in live.slots]
        return [
            scorecard(
                member,
                agenda,
                answers,
                attempts,
                marks,
                await self._db.mock.ticks(live.round.id, member.user_id),
                awarded,
                pair=live.interviewer is not None,
                recommendation=live.round.recommendation,
            )
            for member in live.candidates
        ]

    # lookups

    async def _load(self, round_id: int) -> _Live:
        mock_round = await self._db.mock.get(round_id)
        channel = await self._db.mock.channel(mock_round.channel_id) if mock_round else None
        if mock_round is None or channel is None:
            raise NotFound("That mock round is gone.")
        slots = await self._db.mock.questions(round_id)
        return _Live(mock_round, channel, slots, await self._db.mock.members(round_id))

    async def _live_here(self, ctx: Context) -> _Live:
        mock_round = await self._db.mock.live(ctx.channel.id)
        if mock_round is None:
            raise UserError("No mock round is running here. Start one with `/quiz mock start`.")
        return await self._load(mock_round.id)

    async def _controlled(self, ctx: Context) -> _Live:
        """The channel's round, if the actor hosts it or is an admin."""
        live = await self._live_here(ctx)
        if ctx.user.id != live.round.host_id and not ctx.actor.is_admin:
            host = await self._host_name(live)
            raise NotAllowed(f"Only {host}, who started this round, or an admin can control it.")
        return live

    async def _host_name(self, live: _Live) -> str:
        host = await self._db.mock.user(live.round.host_id)
        return host.display_name if host else "the host"

    def _require_interviewer(self, ctx: Context, live: _Live) -> MockMember:
        interviewer = live.interviewer
        if interviewer is None or not self._is(ctx, live, interviewer):
            raise NotAllowed("Only this round's interviewer can use these buttons.")
        return interviewer

    @staticmethod
    def _is(ctx: Context, live: _Live, member: MockMember) -> bool:
        """Buttons may be pressed in a DM, so people are matched by platform identity, not channel."""
        return ctx.actor.platform == live.channel.platform and ctx.actor.user_id == member.external_id

    def _out(self, live: _Live, outbox: Outbox | None) -> Outbox:
        return outbox or self._outboxes[live.channel.platform]

    async def _resolve(self, ctx: Context, mention: PersonRef) -> User:
        """A named person the team's bot knows; someone named by platform id is enrolled if new."""
        known = await find_person(self._db, ctx.team.id, mention)
        if known is not None:
            return known
        if mention.external_id:
            name = clean_name(mention.name or "") or f"<@{mention.external_id}>"
            return await self._db.users.ensure(ctx.team.id, mention.external_id, name, ctx.now)
        raise UserError(
            f"I don't know {mention.raw[:40]} in this team yet: they need to use the bot once (any "
            "`/quiz` command), or mention them with the platform's @-mention."
        )


_BUSY = (
    "A mock round is already running here: `/quiz mock status` shows it, and its host or an admin can end it."
)


def _group_members(host: User, people: list[User]) -> list[tuple[int, Role]]:
    ids = list(dict.fromkeys([host.id, *(p.id for p in people)]))
    return [(user_id, Role.CANDIDATE) for user_id in ids]


def _pair_members(people: list[User]) -> list[tuple[int, Role]]:
    interviewer, candidate = people
    if interviewer.id == candidate.id:
        raise UserError("The interviewer and the candidate must be two different people.")
    return [(interviewer.id, Role.INTERVIEWER), (candidate.id, Role.CANDIDATE)]
