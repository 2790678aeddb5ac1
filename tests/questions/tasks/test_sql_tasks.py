"""Every SQL task: its reference query passes and every wrong query is rejected, through the real sandbox.

A SQL check takes milliseconds, so the reference runs on 100 seeds and each wrong query on 20 here;
`python bench/check_fairness.py --tasks sql-... --seeds 100 --wrong` runs the wrong ones on more.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from questions import Kind, Language, load_bank
from questions.tasks import language_of, load_task
from tests.questions.tasks.test_fairness import verdicts
from tests.support.solutions import reference_solution

IN_MODULE_LOOP = pytest.mark.asyncio(loop_scope="module")

WRONG = Path(__file__).parent / "wrong"
BANK = load_bank()
SQL_QUESTIONS = sorted(q.id for q in BANK if q.kind is Kind.CODE and q.language is Language.SQL)
REFERENCE_SEEDS = range(100)
WRONG_SEEDS = range(20)


def test_the_bank_has_sql_tasks_across_difficulties():
    assert len(SQL_QUESTIONS) >= 4
    assert {BANK.get(q).difficulty.value for q in SQL_QUESTIONS} == {"easy", "medium", "hard"}
    assert all("data-manipulation" in BANK.get(q).tags for q in SQL_QUESTIONS)


@pytest.mark.parametrize("question_id", SQL_QUESTIONS)
def test_each_sql_task_is_declared_sql_and_has_wrong_queries(question_id):
    task = load_task(question_id)
    assert task is not None and language_of(task) is Language.SQL
    kinds = {case.kind for case in task.cases(np.random.default_rng(0))}
    assert kinds == {"required", "edge"}
    assert len(list((WRONG / task.__name__.rsplit(".", 1)[1]).glob("*.sql"))) >= 4
    assert "```sql" in BANK.get(question_id).prompt, "say how to answer: one query in a ```sql block"


@pytest.mark.parametrize("question_id", SQL_QUESTIONS)
def test_cases_are_seeded(question_id):
    """The same seed gives the same tables, and different seeds different ones."""
    task = load_task(question_id)
    first, again, other = (task.cases(np.random.default_rng(seed)) for seed in (3, 3, 4))
    assert [c.args for c in first] == [c.args for c in again]
    assert [c.args for c in first] != [c.args for c in other]


@IN_MODULE_LOOP
@pytest.mark.parametrize("question_id", SQL_QUESTIONS)
async def test_reference_query_passes_every_test_on_100_seeds(sandbox_pool, question_id):
    query = reference_solution(BANK, question_id)
    for seed, tests in await verdicts(sandbox_pool, question_id, query, REFERENCE_SEEDS):
        failures = [f"{t.name}: {t.message}" for t in tests if t.status != "pass"]
        assert not failures, f"seed {seed}: {failures}"


def _wrong_queries():
    for question_id in SQL_QUESTIONS:
        module = question_id.replace("-", "_")
        for path in sorted((WRONG / module).glob("*.sql")):
            yield pytest.param(question_id, path, id=f"{module}/{path.stem}")


@IN_MODULE_LOOP
@pytest.mark.parametrize(("question_id", "path"), list(_wrong_queries()))
async def test_wrong_query_is_rejected_on_every_seed(sandbox_pool, question_id, path):
    for seed, tests in await verdicts(sandbox_pool, question_id, path.read_text(), WRONG_SEEDS):
        failed = [t for t in tests if t.kind == "required" and t.status != "pass"]
        assert failed, f"passed on seed {seed}"
        assert all(t.status == "fail" for t in failed), f"seed {seed}: {failed[0].message}"
