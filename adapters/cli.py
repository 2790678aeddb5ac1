"""`screenprep`: run the bot, practise in the terminal, and manage the question bank."""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import logging
import os
import random
import sys
from collections.abc import Iterator
from contextlib import AsyncExitStack, contextmanager
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import Settings
from bot.errors import UserError
from bot.text import MAX_MESSAGE_CHARS, clean_input
from questions import (
    DEFAULT_WEIGHTS,
    Category,
    Instance,
    Kind,
    QuestionBank,
    instantiate,
    load_bank,
    parse_category,
)
from storage import DatabaseUnavailable, Team, backup, open_database, schema_version

if TYPE_CHECKING:
    from bot.checks import Verdict

# Each command imports what it alone needs inside its handler: `grade` should not pay for the sandbox,
# the scheduler and every feature of the bot.
log = logging.getLogger("screenprep")


def build_parser(settings: Settings) -> argparse.ArgumentParser:
    """The command line, with the environment's settings as its defaults (and as `args.settings`)."""
    parser = argparse.ArgumentParser(prog="screenprep", description=__doc__)
    parser.set_defaults(settings=settings)
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        default=settings.db,
        help="SQLite file (default: $SCREENPREP_DB, else ./screenprep.db)",
    )
    parser.add_argument(
        "--log-level",
        default=settings.log_level,
        help="DEBUG, INFO, WARNING or ERROR (default: $SCREENPREP_LOG_LEVEL or WARNING)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("run", help="start the adapters configured in the environment (console if none)")
    console = commands.add_parser("console", help="practise in this terminal")
    console.add_argument("--user", default=settings.user, help="who is speaking at first")
    console.add_argument("--channel", default="practice", help="channel name (each has its own history)")

    questions = commands.add_parser("questions", help="list, show and validate the question bank")
    qcommands = questions.add_subparsers(dest="questions_command", metavar="ACTION", required=True)
    listing = qcommands.add_parser("list", help="list questions")
    listing.add_argument("--category", help="a category or alias (math, coding, dl, resume, star...)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    show = qcommands.add_parser("show", help="show one question with its answer and rubric")
    show.add_argument("id")
    show.add_argument("--seed", type=int, default=0, help="numbers for a generated question (default 0)")
    validate = qcommands.add_parser("validate", help="check question files; exit 1 on any problem")
    validate.add_argument("path", nargs="?", type=Path, help="a file or folder (default: the bank)")

    grader = commands.add_parser(
        "grade", help="grade an answer file against a question, or a batch of answers as JSON lines"
    )
    grader.add_argument("--question", metavar="ID", help="the question (with FILE)")
    grader.add_argument("file", nargs="?", type=Path, help="the answer as text, or - for standard input")
    grader.add_argument(
        "--batch",
        metavar="FILE",
        type=Path,
        help='JSON lines {"question", "answer"[, "seed"]} (- for standard input); one JSON result per line',
    )
    grader.add_argument("--json", action="store_true", help="print JSON")
    grader.add_argument("--seed", type=int, default=0, help="numbers for a generated question (default 0)")

    schedule = commands.add_parser("schedule", help="see what a daily schedule would post")
    scommands = schedule.add_subparsers(dest="schedule_command", metavar="ACTION", required=True)
    preview = scommands.add_parser("preview", help="the next slots of a fresh channel and their questions")
    preview.add_argument("--time", default="09:00", help="post time HH:MM (default 09:00)")
    preview.add_argument("--tz", default="UTC", help="IANA time zone (default UTC)")
    preview.add_argument("--days", default="mon-fri", help="weekdays, e.g. mon-fri, mon,wed,fri, daily")
    preview.add_argument("--from", dest="start", help="first local day YYYY-MM-DD (default today)")
    preview.add_argument("--count", type=int, default=10, help="how many slots (default 10)")
    preview.add_argument(
        "--weights", default="", help="e.g. 'math=40 coding=30 dl=20 resume=10 behavioral=0'"
    )
    preview.add_argument("--json", action="store_true", help='print [{"at", "question", "category"}]')

    database = commands.add_parser("db", help="export a team's data, or back up the database file")
    dcommands = database.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    export = dcommands.add_parser("export", help="write one team's data as JSON")
    export.add_argument("--team", help="team name or id, e.g. T0123 or slack:T0123 (if the file has several)")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    backup = dcommands.add_parser("backup", help="copy the database safely, even while the bot is running")
    backup.add_argument("path", type=Path, help="where to write the copy")
    backup.add_argument("--force", action="store_true", help="replace PATH if it already exists")

    checker = commands.add_parser("check", help="run a code answer against a question's hidden tests")
    checker.add_argument("--question", required=True, metavar="ID")
    checker.add_argument("file", type=Path, help="a Python file, or - for standard input")
    checker.add_argument("--json", action="store_true", help="print JSON")
    checker.add_argument("--seed", type=int, help="input seed (default: random, printed with the verdict)")
    commands.add_parser(
        "doctor", help="check the code sandbox's protections on this host; exit 1 if any is missing"
    )
    for uses_database in (commands.choices["run"], console, export, backup):
        uses_database.add_argument(
            "--db", metavar="PATH", type=Path, default=argparse.SUPPRESS, help="same as before the command"
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser(Settings.load()).parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handlers = {
        "run": _run,
        "console": _console,
        "questions": _questions,
        "grade": _grade,
        "check": _check,
        "schedule": _preview,
        "db": _database,
        "doctor": _doctor,
        None: _run,
    }
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        return 130
    except DatabaseUnavailable as exc:
        print(f"screenprep: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (`| head`) has what it wanted; flushing at exit must not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    """Slack and Discord side by side when configured, else the terminal; SIGTERM stops cleanly."""
    if args.settings.slack is None and args.settings.discord is None:
        args.user = args.settings.user
        args.channel = "practice"
        return _console(args)
    from adapters import platforms

    return asyncio.run(platforms.serve_all(args.db, os.environ, args.settings))


def _console(args: argparse.Namespace) -> int:
    async def session() -> int:
        async with AsyncExitStack() as stack:
            with collector_paused():
                from adapters.console import run_session
                from adapters.runtime import open_runtime

                runtime = await stack.enter_async_context(
                    open_runtime(args.db, settings=args.settings, eager_sandbox=False)
                )
            return await run_session(
                runtime.core,
                sys.stdin,
                sys.stdout,
                user=args.user,
                channel=args.channel,
                on_first_message=runtime.checker.warm if runtime.checker else None,
            )

    return asyncio.run(session())


@contextmanager
def collector_paused() -> Iterator[None]:
    """Start-up without the cycle collector, then its objects kept out of the collector's way.

    Start-up makes tens of thousands of objects (modules, classes, the question bank) that live as
    long as the process; the collector would scan them again and again and find no garbage (about a
    sixth of the console's start-up). Afterwards they are frozen (`gc.freeze`), so later collections
    skip them too, and collection resumes.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _questions(args: argparse.Namespace) -> int:
    if args.questions_command == "validate":
        return _validate(args.path)
    bank = load_bank()
    if args.questions_command == "show":
        question = bank.get(args.id)
        if question is None:
            print(f"screenprep: no question {args.id!r}", file=sys.stderr)
            return 2
        print(_describe(instantiate(question, args.seed)))
        return 0
    category = _category_or_none(args.category)
    if args.category and category is None:
        print(f"screenprep: unknown category {args.category!r}", file=sys.stderr)
        return 2
    chosen = [q for q in bank if category is None or q.category is category]
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": q.id,
                        "category": q.category.value,
                        "kind": q.kind.value,
                        "difficulty": q.difficulty.value,
                        "title": q.title,
                        "tags": q.tags,
                    }
                    for q in chosen
                ],
                indent=2,
            )
        )
    else:
        for q in chosen:
            print(f"{q.id:32} {q.category.value:14} {q.kind.value:10} {q.difficulty.value:7} {q.title}")
    return 0


def _category_or_none(word: str | None) -> Category | None:
    return parse_category(word) if word else None


def _describe(instance: Instance) -> str:
    question = instance.question
    sections = [
        f"{question.title}  [{question.id}]",
        f"{question.category.label} · {question.kind.value} · {question.difficulty.value} · "
        f"tags: {', '.join(question.tags)}",
        "",
        instance.prompt.strip(),
        "",
        "Hints:",
        *(f"  {i}. {h}" for i, h in enumerate(question.hints, 1)),
        "",
        "Answer:",
        instance.answer.strip(),
    ]
    if question.rubric:
        sections += ["", "Key points:", *(f"  • {p.point}" for p in question.rubric)]
    sections += ["", "Follow-ups:", *(f"  • {f}" for f in question.followups)]
    if question.notes:
        sections += ["", "Notes:", question.notes.strip()]
    return "\n".join(sections)


def _validate(path: Path | None) -> int:
    """Every file's problems, then the bank's; size, category and topic minimums only for the whole bank."""
    from questions._checks import bank_problems, topic_counts

    bank = load_bank(path)
    problems = bank.problems + bank_problems(bank, coverage=path is None)
    if path is None:
        counts = topic_counts(bank)
        print("topics: " + ", ".join(f"{topic} {count}" for topic, count in counts.items()))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s); {len(bank)} valid question(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(bank)} questions")
    return 0


def _grade(args: argparse.Namespace) -> int:
    if (args.batch is None) == (args.question is None or args.file is None):
        print("screenprep: give either --question ID FILE or --batch FILE", file=sys.stderr)
        return 2
    with collector_paused():
        from adapters.batch import grade_payload
        from bot.grading import Ungradable, grade

        bank = load_bank()
    if args.batch is not None:
        return _grade_batch(args.batch, bank, args.seed)
    question = bank.get(args.question)
    if question is None:
        print(f"screenprep: no question {args.question!r}", file=sys.stderr)
        return 2
    if question.kind is Kind.CODE:
        print("screenprep: code questions are checked by running code, not graded as text", file=sys.stderr)
        return 2
    try:
        raw = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
        result = grade(question, clean_input(raw), instantiate(question, args.seed).expected)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"screenprep: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    except (Ungradable, UserError) as exc:
        print(f"screenprep: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(grade_payload(question.id, result), indent=2, ensure_ascii=False))
    else:
        print(f"{question.id}: score {result.score:.2f} ({result.verdict}). {result.feedback}")
        if question.generator:
            print(f"  (numbers of seed {args.seed}; a chat post draws its own: pass its --seed to match)")
        lines = [
            *(f"  ✓ {c}" for c in result.covered),
            *(f"  ⚠ {m}" for m in result.mistakes),
            *(f"  ✗ {m}" for m in result.missing),
        ]
        print("\n".join(lines))
    return 0


def _grade_batch(source: Path, bank: QuestionBank, seed: int) -> int:
    """Exit 0 when every line was graded, 1 when some line has an error object, 2 when FILE is unreadable."""
    from adapters.batch import grade_lines

    try:
        lines = sys.stdin.buffer if str(source) == "-" else source.open("rb")
    except OSError as exc:
        print(f"screenprep: cannot read {source}: {exc}", file=sys.stderr)
        return 2
    failed = False
    with lines:
        for result in grade_lines(lines, bank, seed):
            failed = failed or "error" in result
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 1 if failed else 0


def _check(args: argparse.Namespace) -> int:
    """Exit 0 when every required test passes, 1 when not, 2 for usage errors."""
    from bot.checks import code_checker
    from questions.tasks import load_task

    question = load_bank().get(args.question)
    if question is None or question.kind is not Kind.CODE or load_task(question.id) is None:
        print(f"screenprep: {args.question!r} is not a coding question with checks", file=sys.stderr)
        return 2
    try:
        code = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
        code = clean_input(code, limit=MAX_MESSAGE_CHARS)
    except (OSError, UnicodeDecodeError, UserError) as exc:
        print(f"screenprep: cannot use {args.file}: {exc}", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else random.SystemRandom().getrandbits(31)

    async def run() -> Verdict | None:
        settings = args.settings
        async with code_checker(settings.sandbox, python=settings.sandbox_python, size=1) as checker:
            return await checker.check(question.id, code, seed) if checker and await checker.ready() else None

    verdict = asyncio.run(run())
    if verdict is None:
        print("screenprep: code checks are unavailable here (see the warnings above)", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(verdict.to_json(), indent=2))
    else:
        print(_describe_verdict(verdict))
    return 0 if verdict.passed else 1


def _doctor(args: argparse.Namespace) -> int:
    """Start a real sandbox worker and list each protection, in force or not, with its fix."""
    from bot.sandbox import examine, find_launcher, summary

    found = asyncio.run(examine(find_launcher(args.settings.sandbox_python)))
    print("Protections for submitted code on this host (found by starting a real sandbox worker):")
    print("\n".join(summary(found)))
    return 0 if all(f.in_force for f in found) else 1


def _describe_verdict(verdict: Verdict) -> str:
    marks = {"pass": "✓", "fail": "✗", "error": "!"}
    lines = [
        f"{verdict.question}: {'passed' if verdict.passed else 'not passed'} "
        f"({verdict.duration_ms:.0f} ms, seed {verdict.seed})"
    ]
    lines += [
        f"  {marks[t.status]} [{t.kind}] {t.name}" + (f": {t.message}" if t.message else "")
        for t in verdict.tests
    ]
    lines += [f"  → {f}" for f in verdict.followups]
    if verdict.stdout.strip():
        lines += ["printed:", verdict.stdout.rstrip()]
    return "\n".join(lines)


PREVIEW_YEARS = (1970, 9000)
"""100,000 slots span at most about 400 years, so every preview ends well before datetime's year 9999."""


def _preview(args: argparse.Namespace) -> int:
    """Slots and questions by the live rules; exit 2 with a short message for bad options."""
    from bot.daily import parse_time, parse_weekdays, parse_weights, parse_zone
    from bot.quiz import preview_slots
    from bot.schedule import Schedule, at_local, local_date, upcoming
    from bot.settings import DEFAULT_REVEAL

    try:
        schedule = Schedule(
            parse_time(args.time), parse_zone(args.tz), parse_weekdays(args.days), DEFAULT_REVEAL
        )
        weights = (
            parse_weights(args.weights.replace(",", " ").split(), DEFAULT_WEIGHTS)
            if args.weights
            else DEFAULT_WEIGHTS
        )
        start = date.fromisoformat(args.start) if args.start else local_date(datetime.now(UTC), schedule.zone)
    except UserError as exc:
        print(f"screenprep: {exc.message}", file=sys.stderr)
        return 2
    except ValueError:
        print(f"screenprep: --from must be a date like 2026-03-20, not {args.start!r}", file=sys.stderr)
        return 2
    if not PREVIEW_YEARS[0] <= start.year <= PREVIEW_YEARS[1]:
        print(
            f"screenprep: --from must be in the years {PREVIEW_YEARS[0]}-{PREVIEW_YEARS[1]}", file=sys.stderr
        )
        return 2
    if not 1 <= args.count <= 100_000 or not schedule.weekdays:
        print("screenprep: --count must be 1-100000 and --days must name at least one day", file=sys.stderr)
        return 2
    begin = at_local(start, time(0), schedule.zone) - timedelta(microseconds=1)
    slots = itertools.islice(upcoming(schedule, begin), args.count)
    planned = [
        {"at": slot.astimezone(schedule.zone).isoformat(), "question": q.id, "category": q.category.value}
        for slot, q in preview_slots(load_bank(), weights, slots)
    ]
    if args.json:
        print(json.dumps(planned, indent=2))
    else:
        for row in planned:
            print(f"{row['at']}  {row['category']:14} {row['question']}")
    return 0


def _database(args: argparse.Namespace) -> int:
    """Exit 2 with a short message when the file or the team is not there."""
    source = args.db
    if not source.is_file():
        print(f"screenprep: there is no database at {source}", file=sys.stderr)
        return 2
    if args.db_command == "backup":
        return _backup(source, args.path, args.force)
    return _export(source, args.team, args.output)


def _backup(source: Path, target: Path, force: bool) -> int:
    if target.exists() and not force:
        print(f"screenprep: {target} exists; pass --force to replace it", file=sys.stderr)
        return 2
    if not target.parent.is_dir():
        print(f"screenprep: there is no folder {target.parent}", file=sys.stderr)
        return 2
    target.unlink(missing_ok=True)
    size = backup(source, target)
    print(f"Backed up {source} to {target} ({size:,} bytes, integrity check ok)")
    return 0


def _pick_team(teams: list[Team], wanted: str | None) -> Team | str:
    """The team to export, or why there is none to pick."""
    if not teams:
        return "there is no team in this database yet: nobody has used the bot with it"
    if wanted is None and len(teams) == 1:
        return teams[0]
    matches = [t for t in teams if wanted in (t.external_id, f"{t.platform}:{t.external_id}", t.name)]
    if wanted is not None and len(matches) == 1:
        return matches[0]
    listed = ", ".join(f"{t.platform}:{t.external_id} ({t.name or 'unnamed'})" for t in teams) or "none"
    return f"pick a team with --team; the teams here are: {listed}"


async def _team_export(source: Path, wanted: str | None) -> dict | str:
    """The export document, or why there is none."""
    db = await open_database(source)
    try:
        team = _pick_team(await db.privacy.teams(), wanted)
        if isinstance(team, str):
            return team
        return {
            "format": "screenprep-export",
            "schema_version": await schema_version(db.connection),
            "exported_at": datetime.now(UTC).isoformat(),
            "team": {
                "id": team.id,
                "platform": team.platform,
                "external_id": team.external_id,
                "name": team.name,
            },
            "tables": await db.privacy.export(team.id),
        }
    finally:
        await db.close()


def _export(source: Path, wanted: str | None, output: Path | None) -> int:
    payload = asyncio.run(_team_export(source, wanted))
    if isinstance(payload, str):
        print(f"screenprep: {payload}", file=sys.stderr)
        return 2
    text = json.dumps(payload, indent=2, ensure_ascii=False)
    if output is None:
        print(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
    rows = sum(len(found) for found in payload["tables"].values())
    team = payload["team"]["name"] or payload["team"]["external_id"]
    print(f"Exported {team}: {rows:,} rows from {len(payload['tables'])} tables", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
