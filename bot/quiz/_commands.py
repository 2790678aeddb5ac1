"""Thin `/quiz` handlers: parse words, call the service, send what it returns."""

from __future__ import annotations

from bot.answers import TextAnswer
from bot.commands import Command, CommandRegistry
from bot.context import Context
from bot.errors import UserError
from bot.quiz._service import QuizService
from bot.text import clean_input
from questions import category_words, parse_category


def register(registry: CommandRegistry, quiz: QuizService) -> None:
    async def ask(ctx: Context, args: list[str]) -> None:
        if len(args) > 1:
            raise UserError(f"`/quiz {' '.join(args)[:60]}` is not a command. Try `/quiz help`.")
        if not args:
            question = await quiz.choose(ctx, None)
        elif (category := parse_category(args[0])) is not None:
            question = await quiz.choose(ctx, category)
        elif quiz.bank.get(args[0].lower()) is not None:
            question = quiz.question(args[0].lower())
        else:
            raise UserError(
                f"`{args[0][:60]}` is not a command, category or question id. Categories: "
                f"{', '.join(sorted({str(parse_category(w)) for w in category_words()}))}. "
                "See `/quiz help`."
            )
        await quiz.post(ctx, question)

    async def hint(ctx: Context, args: list[str]) -> None:
        await ctx.send(await quiz.hint(ctx, await quiz.current_post(ctx)))

    async def reveal(ctx: Context, args: list[str]) -> None:
        await ctx.send(await quiz.reveal(ctx, await quiz.current_post(ctx)))

    async def answer(ctx: Context, args: list[str]) -> None:
        text = _after_command_word(ctx)
        if not text:
            raise UserError("Usage: `/quiz answer <your answer>`, or a ```python block for code.")
        await quiz.answer(ctx, await quiz.current_post(ctx), TextAnswer(text), private=True)

    registry.add(
        Command(
            "",
            "/quiz [category | question-id]",
            "Post a question: drawn by the channel's weights, from a category, or by id.",
            ask,
        )
    )
    registry.add(Command("hint", "/quiz hint", "Show the next hint for the latest question.", hint))
    registry.add(
        Command(
            "reveal",
            "/quiz reveal",
            "Show the reference answer and key points; later answers are practice.",
            reveal,
        )
    )
    registry.add(
        Command(
            "answer",
            "/quiz answer <text or ```python block```>",
            "Answer the latest question privately; the thread only sees that you answered and how.",
            answer,
        )
    )


def _after_command_word(ctx: Context) -> str:
    """The raw text after the sub-command word, keeping newlines so code blocks survive."""
    words = clean_input(getattr(ctx.event, "text", "")).split(maxsplit=1)
    return words[1].strip() if len(words) == 2 else ""
