"""SQL answers through the real sandbox: a short verdict for every bad query, and the pool keeps serving."""

from __future__ import annotations

import pytest

from bot.checks import CodeChecker, Verdict
from questions import load_bank
from tests.support.solutions import reference_solution

pytestmark = pytest.mark.asyncio(loop_scope="module")

TASK = "sql-top-earners-per-department"


async def verdict_for(pool, query: str) -> Verdict:
    return await CodeChecker(pool).check(TASK, query, seed=7)


def messages(verdict: Verdict) -> set[str]:
    return {t.message for t in verdict.tests if t.status != "pass"}


async def only_message(pool, query: str) -> str:
    """The one message every test failed with: a problem of the query, not of any case's data."""
    verdict = await verdict_for(pool, query)
    assert not verdict.passed
    found = messages(verdict)
    first = next(t.message for t in verdict.tests if t.status != "pass")
    assert found <= {first, "did not run (an earlier problem stopped the run)"}, found
    assert "Traceback" not in first
    return first


async def test_the_reference_query_passes(sandbox_pool):
    verdict = await verdict_for(sandbox_pool, reference_solution(load_bank(), TASK))
    assert verdict.passed and verdict.score == 1.0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "the ```sql block is empty: send one SELECT query"),
        ("  \n\t", "the ```sql block is empty: send one SELECT query"),
        ("SELECT 1 -- " + "x" * 10_000_000, "the query is 10,000,012 characters; the limit is 10,000"),
    ],
    ids=["empty", "blank", "ten-megabytes"],
)
async def test_an_unusable_query_is_refused_before_the_sandbox(sandbox_pool, query, expected):
    verdict = await verdict_for(sandbox_pool, query)
    assert not verdict.passed and messages(verdict) == {expected}
    assert verdict.duration_ms == 0.0


async def test_several_statements_get_a_short_verdict(sandbox_pool):
    message = await only_message(sandbox_pool, "SELECT 1; SELECT 2;")
    assert message == "SQL error: send one statement: the query has more than one"


async def test_a_comment_alone_is_not_a_query(sandbox_pool):
    message = await only_message(sandbox_pool, "-- nothing but a comment")
    assert message == "not a query: it returns no rows: send one SELECT (or WITH ... SELECT)"


@pytest.mark.parametrize(
    ("query", "tried"),
    [
        ("DELETE FROM employees", "DELETE"),
        ("UPDATE employees SET salary = 0", "UPDATE"),
        ("INSERT INTO employees VALUES (1, 'x', 'y', 2)", "INSERT"),
        ("ATTACH DATABASE '/tmp/other.db' AS other", "ATTACH"),
        ("PRAGMA table_info(employees)", "PRAGMA"),
        ("CREATE TABLE t (a)", "to change the schema"),
        ("DROP TABLE employees", "to change the schema"),
        ("BEGIN", "TRANSACTION"),
    ],
    ids=["delete", "update", "insert", "attach", "pragma", "create", "drop", "begin"],
)
async def test_anything_but_reading_is_refused_by_name(sandbox_pool, query, tried):
    message = await only_message(sandbox_pool, query)
    assert message == f"not allowed: only reading is allowed here, and the query tried {tried}"


async def test_an_sql_error_names_the_line(sandbox_pool):
    query = "SELECT department,\n       name,\n       salry\nFROM employees;"
    message = await only_message(sandbox_pool, query)
    assert message == "SQL error on line 3 (`salry`): no such column: salry"


async def test_a_syntax_error_is_reported_as_sqlite_says_it(sandbox_pool):
    message = await only_message(sandbox_pool, "SELECT department,\n  name salary revenue\nFROM employees")
    assert message == 'SQL error on line 2 (`name salary revenue`): near "revenue": syntax error'
    message = await only_message(sandbox_pool, "SELECT department, name, salary FROM employees WHERE")
    assert message == "SQL error: incomplete input"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n",
            "timed out: took longer than 2.0 s",
        ),
        (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n",
            "too many rows: it returned more than 1,000 rows",
        ),
        (
            "WITH RECURSIVE n(i, s) AS (SELECT 1, 'x' UNION ALL SELECT i + 1, s || s FROM n)"
            " SELECT length(s) FROM n",
            "SQL error: string or blob too big",
        ),
        (
            "SELECT count(*) FROM " + ", ".join(f"employees e{i}" for i in range(8)),
            "timed out: took longer than 2.0 s",
        ),
    ],
    ids=["endless-count", "endless-rows", "doubling-string", "cross-join"],
)
async def test_runaway_queries_end_with_a_verdict_and_the_pool_keeps_serving(sandbox_pool, query, expected):
    assert await only_message(sandbox_pool, query) == expected
    assert (await verdict_for(sandbox_pool, reference_solution(load_bank(), TASK))).passed


async def test_a_blob_is_refused_as_output(sandbox_pool):
    message = await only_message(
        sandbox_pool, "SELECT department, name, randomblob(4) AS salary FROM employees"
    )
    assert message == (
        "invalid output: returned an unsupported value: a BLOB of 4 bytes (return numbers or text)"
    )


async def test_columns_must_be_named_as_the_prompt_asks(sandbox_pool):
    query = "SELECT department AS dept, name, salary FROM employees"
    message = await only_message(sandbox_pool, query)
    assert message.startswith(
        "the result has columns (dept, name, salary); the prompt asks for (department, "
    )
