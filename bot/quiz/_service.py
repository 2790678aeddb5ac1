"""The quiz itself: post questions, grade answers, give hints and reveals."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, assert_never

from bot.answers import Answer, CodeAnswer, Outcome, TextAnswer
from bot.checks import CodeChecker
from bot.context import Context
from bot.errors import NoOpenQuestion, NotAllowed, NotFound, UserError
from bot.events import Conversation
from bot.grading import Grade, GradeBand, Ungradable, grade_within
from bot.judge import JudgeUnavailable
from bot.lazy import lazy_module
from bot.quiz._picking import draw_category, pick_question
from bot.quiz._scoring import points_for
from bot.replies import MessageRef, Outbox, Reply
from bot.settings import AnswerVisibility, ChannelSettings, load_settings
from bot.streaks import channel_streaks
from bot.text import extract_code
from questions import DEFAULT_WEIGHTS, Category, Instance, Kind, Language, Question, QuestionBank, instantiate
from storage import Award, AwardOffer, Database, Post, PostSource

if TYPE_CHECKING:
    from bot.judge._client import ModelJudge
    from bot.quiz import _views as views
else:
    views = lazy_module("bot.quiz._views")

FREE_TEXT = frozenset({Kind.CONCEPT, Kind.BEHAVIORAL})
"""Answer kinds a model grader may review: prose judged against key points."""


@dataclass(frozen=True)
class _Offline:
    """An offline grade already stored and shown: the attempt it lives in and the points it got."""

    attempt_id: int
    grade: Grade
    award: Award | None


class PostWatcher(Protocol):
    """A feature that owns some posts (mock rounds): it may refuse an action on them and hears of answers."""

    async def allow(self, ctx: Context, post: Post, action: str) -> None: ...

    async def answered(self, ctx: Context, post: Post) -> None: ...


class QuizService:
    def __init__(
        self,
        db: Database,
        bank: QuestionBank,
        rng: random.Random,
        checker: CodeChecker | None = None,
        judge: ModelJudge | None = None,
    ) -> None:
        self._db = db
        self._bank = bank
        self._rng = rng
        self._checker = checker
        self._judge = judge
        self._watchers: list[PostWatcher] = []

    def watch(self, watcher: PostWatcher) -> None:
        """Let a feature that owns posts vet hints, reveals and answers on them, and follow the answers."""
        self._watchers.append(watcher)

    async def _allow(self, ctx: Context, post: Post, action: str) -> None:
        for watcher in self._watchers:
            await watcher.allow(ctx, post, action)

    @property
    def bank(self) -> QuestionBank:
        return self._bank

    async def weights(self, channel_id: int) -> dict[Category, int]:
        stored = await self._db.channels.weights(channel_id)
        return {c: stored.get(c.value, default) for c, default in DEFAULT_WEIGHTS.items()}

    async def choose(self, ctx: Context, category: Category | None) -> Question:
        """A question for this channel: the named category, or one drawn by the channel's weights."""
        if category is None:
            category = draw_category(await self.weights(ctx.channel.id), self._bank, self._rng)
        last_used = await self._db.posts.last_used(ctx.channel.id)
        return pick_question(self._bank.in_category(category), last_used, self._rng)

    def instance(self, post: Post) -> Instance:
        """The question exactly as this post showed it (generated numbers come from the post's seed)."""
        return instantiate(self.question(post.question_id), post.seed)

    def question(self, question_id: str) -> Question:
        question = self._bank.get(question_id)
        if question is None:
            raise NotFound(f"There is no question `{question_id}`. `/quiz help` lists what you can ask for.")
        return question

    async def post(self, ctx: Context, question: Question, source: PostSource = PostSource.QUIZ) -> Post:
        """Create the post, show it, and remember its thread so replies there are answers."""
        post = await self._db.posts.create(
            ctx.channel.id, question.id, self._rng.getrandbits(31), source, ctx.now
        )
        await self.show(post, ctx.outbox, ctx.conversation)
        return post

    async def show(self, post: Post, outbox: Outbox, where: Conversation) -> MessageRef:
        """Send the question card as a new top-level message and remember its thread."""
        ref = await outbox.send(where.in_thread(None), views.question_card(self.instance(post), post))
        await self._db.posts.attach_message(post.id, ref.message_id, ref.thread_id)
        return ref

    async def current_post(self, ctx: Context) -> Post:
        """The post this conversation is about: its thread's, else the channel's latest."""
        thread = ctx.conversation.thread_id
        post = await self._db.posts.by_thread(ctx.channel.id, thread) if thread else None
        post = post or await self._db.posts.latest(ctx.channel.id)
        if post is None:
            raise NoOpenQuestion()
        return post

    async def post_by_id(self, ctx: Context, post_id: int) -> Post:
        post = await self._db.posts.get(post_id)
        if post is None or post.channel_id != ctx.channel.id:
            raise NotFound("That question post is gone; start a new one with `/quiz`.")
        return post

    async def hint(self, ctx: Context, post: Post) -> Reply:
        await self._allow(ctx, post, "hint")
        question = self.question(post.question_id)
        shown = await self._db.posts.next_hint(post.id)
        return views.hint(question, shown, post.thread_ref)

    async def reveal(self, ctx: Context, post: Post) -> Reply:
        """Reveal on request; a daily question's scheduled reveal may be brought forward only by admins."""
        await self._allow(ctx, post, "reveal")
        scheduled = await self._db.daily.reveal_at(post.id)
        if post.revealed_at is None and scheduled and scheduled > ctx.now and not ctx.actor.is_admin:
            raise NotAllowed(
                "Today's question is revealed on schedule, so everyone gets a fair go; "
                "an admin can reveal it early."
            )
        await self._db.posts.mark_revealed(post.id, ctx.now)
        return await self.reveal_reply(post, ctx.now)

    async def reveal_reply(self, post: Post, now: datetime) -> Reply:
        """The answer with everyone's results and streaks; points are final from the first reveal on."""
        results = await self._db.attempts.results(post.id)
        streaks = await channel_streaks(self._db, post.channel_id, [r.user_id for r in results], now)
        return views.reveal(self.instance(post), results, streaks, post.thread_ref)

    async def answer(self, ctx: Context, post: Post, answer: Answer, *, private: bool) -> None:
        """Grade and record an answer, privately to its author; points count once per question and person.

        A private answer also tells the thread who answered and how they did, and in an `open` channel
        what they said; a thread reply in a `private` channel comes with a reminder of the private path.
        """
        await self._allow(ctx, post, "answer")
        settings = await self.settings(ctx)
        private_until_reveal = (
            settings.visibility is AnswerVisibility.PRIVATE or post.source is PostSource.MOCK
        )
        hidden = private_until_reveal and post.revealed_at is None
        instance = self.instance(post)
        question = instance.question
        if question.kind is Kind.CODE:
            band, reply = await self._answer_code(ctx, post, question, _code_of(answer, question.language))
        else:
            band, reply = await self._answer_text(ctx, post, instance, answer.shown)
        await ctx.send(views.with_privacy_reminder(reply) if hidden and not private else reply)
        if private:
            await ctx.outbox.send(
                ctx.conversation.in_thread(post.thread_ref),
                views.answer_status(ctx.actor, band, None if hidden else answer.shown, post.thread_ref),
            )
        for watcher in self._watchers:
            await watcher.answered(ctx, post)

    async def settings(self, ctx: Context) -> ChannelSettings:
        return await load_settings(self._db, ctx.channel.id, ctx.channel.created_at)

    async def _answer_code(
        self, ctx: Context, post: Post, question: Question, code: str
    ) -> tuple[GradeBand | None, Reply]:
        """Acknowledge at once and run the hidden checks; returns the thread status and the verdict."""
        checker = self._checker
        if checker is None or not await checker.ready() or not checker.runs_for(ctx.conversation.platform):
            await self._record(ctx, post, "code", code, status="stored", score=None, points=0, outcome=None)
            reason = checker.refusal if checker else "Automatic code checks are not available on this bot."
            return None, views.code_stored(question, reason, ctx.actor, post.thread_ref)
        checker.admit(ctx.user.id)
        await ctx.send(views.checking(question, ctx.actor, post.thread_ref))
        verdict = await checker.check(question.id, code, self._rng.getrandbits(31), ctx.user.id)
        _, award = await self._score(
            ctx, post, question, "code", code, verdict.score, Outcome.of_verdict(verdict)
        )
        reply = views.code_verdict(question, verdict, award, ctx.actor, post.thread_ref)
        return GradeBand.of_tests(verdict.passed, verdict.score), reply

    async def _answer_text(
        self, ctx: Context, post: Post, instance: Instance, text: str
    ) -> tuple[GradeBand, Reply]:
        """Grade offline; with a model grader, post that grade at once and return the reviewed one."""
        question = instance.question
        try:
            result = await grade_within(question, text, instance.expected)
        except Ungradable as exc:
            raise UserError(str(exc)) from exc
        attempt_id, award = await self._score(
            ctx, post, question, question.kind.value, text, result.score, Outcome.of_grade(result)
        )
        reply = views.verdict(question, result, award, ctx.actor, post.thread_ref)
        if self._judge is None or question.kind not in FREE_TEXT or not question.rubric:
            return result.verdict, reply
        await ctx.send(reply)
        return await self._model_review(ctx, post, instance, text, _Offline(attempt_id, result, award))

    async def _model_review(
        self, ctx: Context, post: Post, instance: Instance, text: str, offline: _Offline
    ) -> tuple[GradeBand, Reply]:
        """Combine the model's evidenced verdicts with the offline grade and store the result in its place.

        Any failure, timeout or spent budget keeps the offline grade and says so.
        """
        assert self._judge is not None
        from bot.judge._verdicts import combine  # loaded with the model judge, which a bot may not have

        question = instance.question
        try:
            review = await self._judge.review(
                instance.prompt, question.rubric, text, person=ctx.user.id, day=ctx.now.date()
            )
        except JudgeUnavailable as exc:
            note = views.review_unavailable(question, exc.reason, ctx.actor, post.thread_ref)
            return offline.grade.verdict, note
        judged = await asyncio.to_thread(combine, instance, text, review)
        practice = post.revealed_at is not None
        change = await self._db.attempts.regrade(
            offline.attempt_id,
            score=judged.grade.score,
            points=0 if practice else points_for(question, judged.grade.score),
            detail=Outcome.of_grade(judged.grade, judged, self._judge.model).to_json(),
            reason=None if practice else _ledger_reason(post),
            now=ctx.now,
        )
        award = offline.award
        if award is not None and change is not None:
            award = Award(max(award.gained + change, 0), award.earned_before)
        return judged.grade.verdict, views.model_verdict(question, judged, award, ctx.actor, post.thread_ref)

    async def _score(
        self,
        ctx: Context,
        post: Post,
        question: Question,
        kind: str,
        answer: str,
        score: float,
        outcome: Outcome,
    ) -> tuple[int, Award | None]:
        """Record the attempt; before the reveal it also offers points, of which only a new best adds any."""
        practice = post.revealed_at is not None
        points = 0 if practice else points_for(question, score)
        status = "practice" if practice else "graded"
        attempt_id = await self._record(
            ctx, post, kind, answer, status=status, score=score, points=points, outcome=outcome
        )
        if practice:
            return attempt_id, None
        offer = AwardOffer(
            user_id=ctx.user.id,
            channel_id=ctx.channel.id,
            post_id=post.id,
            reason=_ledger_reason(post),
            category=question.category,
            points=points,
            score=score,
            at=ctx.now,
        )
        award = await self._db.ledger.record(offer)
        return attempt_id, award

    async def _record(
        self,
        ctx: Context,
        post: Post,
        kind: str,
        answer: str,
        *,
        status: str,
        score: float | None,
        points: int,
        outcome: Outcome | None,
    ) -> int:
        """Store the attempt; `outcome` is None for code stored without being run."""
        return await self._db.attempts.record(
            post_id=post.id,
            user_id=ctx.user.id,
            answer_kind=kind,
            answer=answer,
            now=ctx.now,
            status=status,
            score=score,
            points=points,
            detail=outcome.to_json() if outcome else {},
        )


def _ledger_reason(post: Post) -> str:
    return "mock" if post.source is PostSource.MOCK else "answer"


def _code_of(answer: Answer, language: Language) -> str:
    """The code to run: a code form's as given, or a message's block fenced in the question's language."""
    match answer:
        case CodeAnswer(code=code):
            return code
        case TextAnswer(text=text):
            block = extract_code(text, language)
            if block is None:
                raise UserError(f"This is a coding question: send your {views.code_noun(language)}.")
            return block
        case _:
            assert_never(answer)
