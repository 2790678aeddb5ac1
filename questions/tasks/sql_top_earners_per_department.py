"""Top three earners per department, ties at the cut-off kept: what RANK() <= 3 returns, not ROW_NUMBER."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from questions._schema import Language
from questions.tasks._kit import Case
from questions.tasks._sql import Cell, OrderKey, ResultSet, Table, result_check, sql_case

LANGUAGE = Language.SQL
COLUMNS = ("department", "name", "salary")
ORDER = (OrderKey("department"), OrderKey("salary", descending=True), OrderKey("name"))
SCHEMA = (("id", "INTEGER"), ("name", "TEXT"), ("department", "TEXT"), ("salary", "INTEGER"))
DEPARTMENTS = ("Data", "Design", "Finance", "Legal", "Marketing", "Research", "Sales", "Support")
NAMES = ("Ada", "Ben", "Chen", "Dara", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lena", "Mo", "Nia")
TOP = 3


def reference(employees: Table) -> ResultSet:
    """Everyone with a salary that fewer than TOP colleagues of their department strictly exceed."""
    paid = [
        (str(name), str(dept), salary) for _, name, dept, salary in employees.rows if isinstance(salary, int)
    ]
    rows = [
        (department, name, salary)
        for name, department, salary in paid
        if sum(d == department and s > salary for _, d, s in paid) < TOP
    ]
    rows.sort(key=lambda r: (r[0], -r[2], r[1]))
    return ResultSet(COLUMNS, tuple(rows))


def _employees(departments: Mapping[str, Sequence[int | None]], rng: np.random.Generator) -> Table:
    """One row per salary, with unique names and ids, in a shuffled order."""
    rows: list[tuple[Cell, ...]] = []
    for department, salaries in departments.items():
        for salary in salaries:
            name = f"{NAMES[len(rows) % len(NAMES)]} {len(rows) + 1}"
            rows.append((name, department, salary))
    order = rng.permutation(len(rows))
    ids = rng.choice(np.arange(100, 1000), len(rows), replace=False)
    shuffled = tuple((int(ids[i]), *rows[int(j)]) for i, j in enumerate(order))
    return Table("employees", SCHEMA, shuffled)


def _salaries(rng: np.random.Generator, low: int, count: int) -> list[int | None]:
    """Distinct-ish salaries in thousands from `low`: repeats happen, as they do in pay bands."""
    return [int(s) * 1000 for s in rng.integers(low, low + 60, count)]


def _mixed(rng: np.random.Generator) -> dict[str, list[int | None]]:
    """A tie at third place, a tie at the top, a small department, departments paid on different scales."""
    names = [str(d) for d in rng.choice(DEPARTMENTS, 5, replace=False)]
    base = [int(b) for b in rng.permutation([40, 60, 80, 100, 120])]
    third_tie = sorted(
        {int(s) for s in rng.choice(np.arange(base[0], base[0] + 60), 3, replace=False)}, reverse=True
    )
    a, b, c = (s * 1000 for s in third_tie)
    low = [s for s in _salaries(rng, base[0] - 30, int(rng.integers(1, 4))) if s is not None and s < c]
    top_tie = sorted(
        {int(s) for s in rng.choice(np.arange(base[1], base[1] + 60), 3, replace=False)}, reverse=True
    )
    x, y, z = (s * 1000 for s in top_tie)
    return {
        names[0]: [a, b, c, c, *low],
        names[1]: [x, x, y, z, z - 1000],
        names[2]: _salaries(rng, base[2], int(rng.integers(1, 3))),
        names[3]: _salaries(rng, base[3], int(rng.integers(4, 8))),
        names[4]: _salaries(rng, base[4], int(rng.integers(3, 6))),
    }


def _check(employees: Table, hint: str = ""):
    return result_check(reference(employees), order_by=ORDER, hint=hint)


def cases(rng: np.random.Generator) -> list[Case]:
    mixed = _employees(_mixed(rng), rng)
    shared = int(rng.integers(70, 90)) * 1000
    four_at_top = _employees(
        {"Research": [shared] * 4 + [shared - 5000], "Sales": _salaries(rng, 50, 4)}, rng
    )
    small = _employees(
        {"Legal": _salaries(rng, 90, 2), "Design": _salaries(rng, 60, 1), "Data": _salaries(rng, 70, 5)}, rng
    )
    unknown = _mixed(rng)
    first = next(iter(unknown))
    unknown[first] = [*unknown[first][:2], None, None]
    with_nulls = _employees(unknown, rng)
    return [
        sql_case(
            "top three per department, every tie at third place kept, in the order asked",
            "required",
            (mixed,),
            _check(mixed),
        ),
        sql_case(
            "four people sharing the top salary are all returned, the fifth is not",
            "required",
            (four_at_top,),
            _check(four_at_top, "ranks 1, 1, 1, 1, 5: a tie takes up the places below it"),
        ),
        sql_case(
            "a department of one or two people returns everyone in it",
            "required",
            (small,),
            _check(small),
        ),
        sql_case(
            "employees with no salary recorded (NULL) are not top earners",
            "edge",
            (with_nulls,),
            _check(with_nulls),
            followup="Where does ORDER BY salary DESC put a NULL salary in SQLite, and in Postgres? "
            "Should someone with an unknown salary ever be a top earner?",
        ),
    ]
