"""Tables cross the real sandbox as named columns and are judged fairly; counted inputs enforce budgets."""

from __future__ import annotations

import numpy as np
import pytest

from bot.checks import job_for, judge
from bot.sandbox._harness import Frame, Monotone
from questions.tasks import Case, load_task
from questions.tasks._frames import frame_problem, table

IN_MODULE_LOOP = pytest.mark.asyncio(loop_scope="module")

EXPECTED = {
    "user_id": np.array([3, 7, 9]),
    "total": np.array([1.5, 0.0, 2.25]),
    "when": np.array(["2024-01-01", "2024-01-02", "2024-01-03"], dtype="datetime64[ns]"),
    "country": ["DE", "unknown", "US"],
}

PRELUDE = """
import numpy as np
import pandas as pd

IDS, TOTALS, COUNTRIES = [3, 7, 9], [1.5, 0.0, 2.25], ["DE", "unknown", "US"]


def columns(when, **changed):
    return pd.DataFrame({**{"user_id": IDS, "total": TOTALS, "when": when, "country": COUNTRIES}, **changed})


def f(when):
"""
"""Each submission builds its table from the expected columns, changing what the test is about."""

EQUIVALENT_FRAMES = {
    "as computed": "columns(when)",
    "key in a named index": "columns(when).set_index('user_id')",
    "nullable Int64 key, float32 total, other column order, extra column": (
        "columns(when, user_id=pd.array(IDS, dtype='Int64'), total=np.array(TOTALS, dtype=np.float32),"
        " extra=1)[['extra', 'country', 'total', 'when', 'user_id']]"
    ),
    "float key, unnamed non-default index (after a filter)": (
        "columns(when, user_id=[3.0, 7.0, 9.0]).set_axis([10, 4, 2])"
    ),
}

WRONG_FRAMES = {
    "a Series": ("columns(when)['total']", "Series"),
    "a missing column": ("columns(when).drop(columns='total')", "no column 'total'"),
    "NaN where 0.0 is expected": ("columns(when, total=[1.5, None, 2.25])", "row 1: expected 0, got missing"),
    "rows in another order": ("columns(when).iloc[[1, 0, 2]]", "column 'user_id', row 0"),
    "a missing label": ("columns(when, country=['DE', None, 'US'])", "expected 'unknown', got missing"),
    "timestamps as strings": ("columns(when.astype(str))", "should hold timestamps"),
}


def _submission(expression: str) -> str:
    return f"{PRELUDE}    return {expression}\n"


async def _verdict(pool, code: str) -> str:
    cases = [Case("table", "required", (EXPECTED["when"],), lambda output: frame_problem(output, EXPECTED))]
    tests, _ = judge("f", cases, await pool.run(job_for("f", code, cases)))
    return tests[0].message if tests[0].status != "pass" else ""


@IN_MODULE_LOOP
@pytest.mark.parametrize("expression", list(EQUIVALENT_FRAMES.values()), ids=list(EQUIVALENT_FRAMES))
async def test_an_equivalent_table_passes_whatever_its_dtypes_index_or_column_order(sandbox_pool, expression):
    assert await _verdict(sandbox_pool, _submission(expression)) == ""


@IN_MODULE_LOOP
@pytest.mark.parametrize(("expression", "reason"), list(WRONG_FRAMES.values()), ids=list(WRONG_FRAMES))
async def test_a_wrong_table_fails_and_says_where(sandbox_pool, expression, reason):
    assert reason in await _verdict(sandbox_pool, _submission(expression))


@IN_MODULE_LOOP
async def test_an_input_table_arrives_as_a_dataframe_with_its_dtypes(sandbox_pool):
    code = "def f(df):\n    return [str(t) for t in df.dtypes], df['name'].isna().tolist()\n"
    frame = table(n=np.arange(2), x=np.array([0.5, np.nan]), when=EXPECTED["when"][:2], name=["a", None])
    seen = []
    cases = [Case("dtypes", "required", (frame,), lambda output: seen.append(output))]
    judge("f", cases, await sandbox_pool.run(job_for("f", code, cases)))
    assert seen == [(["int64", "float64", "datetime64[ns]", "object"], [False, True])]


def test_frame_problem_needs_a_table():
    assert frame_problem([1, 2], EXPECTED) == "return a pandas DataFrame, got list"
    assert "has 2 rows, expected 3" in frame_problem(Frame({k: v[:2] for k, v in EXPECTED.items()}), EXPECTED)


@IN_MODULE_LOOP
async def test_a_linear_scan_runs_out_of_its_call_budget(sandbox_pool):
    task = load_task("largest-fitting-batch")
    scan = (
        "def largest_fitting_batch(fits, max_batch):\n    b = 0\n    while b < max_batch and fits(b + 1):\n"
    )
    scan += "        b += 1\n    return b\n"
    cases = task.cases(np.random.default_rng(0))
    tests, _ = judge(task.FUNCTION, cases, await sandbox_pool.run(job_for(task.FUNCTION, scan, cases)))
    assert "WorkBudgetExceeded" in tests[0].message and "called more than" in tests[0].message


def test_a_counted_predicate_counts_and_stops_at_its_budget():
    fits = Monotone(last_true=5, calls=3)
    assert [fits(4), fits(5), fits(6)] == [True, True, False]
    with pytest.raises(Exception, match="called more than 3 times"):
        fits(1)
