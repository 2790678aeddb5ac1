"""Thin `/quiz` handlers: the registry parses the words, these call the service and send what it returns."""

from __future__ import annotations

from bot.answers import TextAnswer
from bot.commands import Command, CommandRegistry, Kind, Param, Suggestion
from bot.context import Context
from bot.errors import UserError
from bot.quiz._service import QuizService
from questions import Category, QuestionBank, category_words, parse_category

SUGGESTION_LIMIT = 25


def register(registry: CommandRegistry, quiz: QuizService) -> None:
    async def ask(ctx: Context, topic: str | None) -> None:
        if topic is None:
            question = await quiz.choose(ctx, None)
        elif (category := parse_category(topic)) is not None:
            question = await quiz.choose(ctx, category)
        elif quiz.bank.get(topic.lower()) is not None:
            question = quiz.question(topic.lower())
        else:
            raise UserError(
                f"`{topic[:60]}` is not a command, category or question id. Categories: "
                f"{', '.join(sorted({str(parse_category(w)) for w in category_words()}))}. "
                "See `/quiz help`."
            )
        await quiz.post(ctx, question)

    async def hint(ctx: Context) -> None:
        await ctx.send(await quiz.hint(ctx, await quiz.current_post(ctx)))

    async def reveal(ctx: Context) -> None:
        await ctx.send(await quiz.reveal(ctx, await quiz.current_post(ctx)))

    async def answer(ctx: Context, text: str) -> None:
        await quiz.answer(ctx, await quiz.current_post(ctx), TextAnswer(text), private=True)

    topic = Param(
        "topic",
        "A category or a question id; left out, the channel's weights decide.",
        optional=True,
        placeholder="category|question-id",
        suggest=lambda typed: topic_suggestions(quiz.bank, typed),
    )
    registry.add(
        Command(
            "", "Post a question: drawn by the channel's weights, from a category, or by id.", ask, (topic,)
        )
    )
    registry.add(Command("hint", "Show the next hint for the latest question.", hint))
    registry.add(
        Command("reveal", "Show the reference answer and key points; later answers are practice.", reveal)
    )
    text = Param(
        "text",
        "Your answer; code in a ```python block.",
        Kind.TEXT,
        placeholder="<text or ```python block```>",
    )
    registry.add(
        Command(
            "answer",
            "Answer the latest question privately; the thread only sees that you answered and how.",
            answer,
            (text,),
        )
    )


def topic_suggestions(bank: QuestionBank, typed: str) -> list[Suggestion]:
    """Categories (matched by any alias) first, then questions by id or title; at most 25."""
    typed = " ".join(typed.lower().split())
    words: dict[Category, list[str]] = {}
    for word in category_words():
        category = parse_category(word)
        if category is not None:
            words.setdefault(category, []).append(word)
    found = [
        Suggestion(f"{category.label} (category)", category.value)
        for category, aliases in words.items()
        if not typed or typed in category.label.lower() or any(typed in alias for alias in aliases)
    ]
    questions = [q for q in bank if not typed or typed in q.id or typed in q.title.lower()]
    questions.sort(key=lambda q: (not q.id.startswith(typed), q.id))
    found += [Suggestion(f"{q.title} · {q.id}", q.id) for q in questions if len(q.id) <= 100]
    return found[:SUGGESTION_LIMIT]
