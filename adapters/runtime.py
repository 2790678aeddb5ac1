"""The composition root: bank, database, code checker and core, built in order and closed in reverse."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from bot import Core
from bot.checks import CodeChecker, SandboxMode, code_checker
from bot.daily import DailyScheduler, Timing
from bot.judge import JudgeSettings, open_judge
from questions import QuestionBank, load_bank
from storage import Database, open_database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Runtime:
    db: Database
    bank: QuestionBank
    checker: CodeChecker | None
    core: Core
    scheduler: DailyScheduler


_UNITS = {"s": 1, "m": 60, "h": 3600}


def duration(variable: str, default: str) -> timedelta:
    """A duration such as `90s`, `15m` or `3h` from the environment."""
    value = os.environ.get(variable, default).strip().lower()
    number, unit = (value[:-1], value[-1]) if value[-1:] in _UNITS else (value, "s")
    try:
        seconds = float(number) * _UNITS[unit]
    except ValueError:
        seconds = -1
    if seconds < 0:
        raise SystemExit(f"screenprep: {variable} must be a duration such as 90s, 15m or 3h, not {value!r}")
    return timedelta(seconds=seconds)


def daily_timing() -> Timing:
    return Timing(
        grace=duration("SCREENPREP_CATCHUP_GRACE", "3h"), lease=duration("SCREENPREP_CLAIM_LEASE", "2m")
    )


def sandbox_mode() -> SandboxMode:
    value = os.environ.get("SCREENPREP_SANDBOX", "auto").strip().lower()
    try:
        return SandboxMode(value)
    except ValueError:
        raise SystemExit(
            f"screenprep: SCREENPREP_SANDBOX must be auto, strict or off, not {value!r}"
        ) from None


def count(variable: str, default: int) -> int:
    """A whole number of at least 0 from the environment."""
    value = os.environ.get(variable, "").strip() or str(default)
    if not value.isdigit():
        raise SystemExit(
            f"screenprep: {variable} must be a whole number such as {default}, not {value[:20]!r}"
        )
    return int(value)


def grader_settings() -> JudgeSettings | None:
    """The optional model grader from SCREENPREP_GRADER_*: off (None) unless a URL is set."""
    url = os.environ.get("SCREENPREP_GRADER_URL", "").strip()
    if not url:
        return None
    if not url.startswith(("http://", "https://")):
        raise SystemExit(
            f"screenprep: SCREENPREP_GRADER_URL must start with http:// or https://, not {url[:60]!r}"
        )
    model = os.environ.get("SCREENPREP_GRADER_MODEL", "").strip()
    if not model:
        raise SystemExit(
            "screenprep: SCREENPREP_GRADER_URL is set, so SCREENPREP_GRADER_MODEL must name a model"
        )
    timeout = duration("SCREENPREP_GRADER_TIMEOUT", "20s").total_seconds()
    if timeout <= 0:
        raise SystemExit("screenprep: SCREENPREP_GRADER_TIMEOUT must be longer than 0s")
    log.info("model grader on: %s at %s", model, urlsplit(url).hostname)
    return JudgeSettings(
        base_url=url,
        model=model,
        api_key=os.environ.get("SCREENPREP_GRADER_KEY", "").strip(),
        timeout=timeout,
        max_retries=count("SCREENPREP_GRADER_RETRIES", 1),
        daily_per_person=count("SCREENPREP_GRADER_DAILY_PER_PERSON", 30),
        daily_total=count("SCREENPREP_GRADER_DAILY_TOTAL", 500),
    )


@asynccontextmanager
async def open_runtime(db_path: Path, bank_path: Path | None = None) -> AsyncIterator[Runtime]:
    """Everything the adapters need, ready to use; closed on the way out."""
    judge_settings = grader_settings()
    db = await open_database(db_path)  # first: an unusable file stops start-up before any other work
    try:
        bank = load_bank(bank_path)
        if bank.problems:
            log.warning(
                "%d question file problem(s); run `screenprep questions validate`", len(bank.problems)
            )
        async with code_checker(sandbox_mode()) as checker, open_judge(judge_settings) as judge:
            core = Core(db, bank, checker=checker, timing=daily_timing(), judge=judge)
            await core.progress.categorise_old_awards()
            scheduler = DailyScheduler(core.daily, core.clock)
            await scheduler.start()
            scheduler.every(5, "mock:tick", lambda: core.mock.tick(core.clock()))
            scheduler.every(300, "progress:marks", lambda: core.progress.prepare_marks(core.clock()))
            try:
                yield Runtime(db, bank, checker, core, scheduler)
            finally:
                await scheduler.stop()
    finally:
        await db.close()
