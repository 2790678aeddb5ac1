"""The composition root: bank, database, code checker and core, built in order and closed in reverse."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot import Core
from bot.checks import CodeChecker, code_checker
from bot.config import Settings
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


def grader_settings(settings: Settings | None = None) -> JudgeSettings | None:
    """The optional model grader (SCREENPREP_GRADER_*): off (None) unless a URL is set."""
    grader = (settings or Settings.load()).grader
    if grader is None:
        return None
    log.info("model grader on: %s at %s", grader.model, urlsplit(grader.url).hostname)
    return JudgeSettings(
        base_url=grader.url,
        model=grader.model,
        api_key=grader.key.get_secret_value(),
        timeout=grader.timeout.total_seconds(),
        max_retries=grader.retries,
        daily_per_person=grader.daily_per_person,
        daily_total=grader.daily_total,
    )


@asynccontextmanager
async def open_runtime(
    db_path: Path,
    bank_path: Path | None = None,
    settings: Settings | None = None,
    *,
    eager_sandbox: bool = True,
) -> AsyncIterator[Runtime]:
    """Everything the adapters need, ready to use; closed on the way out (settings: the environment's).

    With eager_sandbox=False the code sandbox starts on `runtime.checker.warm()` or the first code answer.
    """
    settings = settings or Settings.load()
    judge_settings = grader_settings(settings)
    db = await open_database(db_path)  # first: an unusable file stops start-up before any other work
    try:
        bank = load_bank(bank_path)
        if bank.problems:
            log.warning(
                "%d question file problem(s); run `screenprep questions validate`", len(bank.problems)
            )
        checking = code_checker(settings.sandbox, python=settings.sandbox_python, eager=eager_sandbox)
        async with checking as checker, open_judge(judge_settings) as judge:
            timing = Timing(grace=settings.catchup_grace, lease=settings.claim_lease)
            core = Core(db, bank, checker=checker, timing=timing, judge=judge)
            await core.progress.categorise_old_awards()
            scheduler = DailyScheduler(core.daily, core.clock)
            await scheduler.start()
            scheduler.run_periodic(core.periodic)
            try:
                yield Runtime(db, bank, checker, core, scheduler)
            finally:
                await scheduler.stop()
    finally:
        await db.close()
