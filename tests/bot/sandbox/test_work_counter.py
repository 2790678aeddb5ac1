"""The work counter: instrumented code means the same, and counts steps and new elements exactly."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from bot.checks import job_for, judge
from bot.sandbox._harness import (
    ElementBudgetExceeded,
    StepBudgetExceeded,
    WorkCounter,
    instrumented,
)
from questions.tasks import Case, WorkBudget

PROGRAMS = {
    "loops, comprehensions, generators and else branches": """
        def f(n):
            total = 0
            for i in range(n):
                if i % 3 == 0 and not i % 2:
                    continue
                total += i
            else:
                total += 1000
            k = 0
            while k < n:
                k += 4
            else:
                total += k
            squares = {i: i * i for i in range(n) if i > 2}
            return total, sorted(squares.items())[:3], sum(x for x in (y * 2 for y in range(n))), [*range(3)]
    """,
    "classes, super(), private names, decorators and docstrings": """
        import functools

        class Base:
            def size(self):
                return 1

        class Child(Base):
            '''A docstring stays a docstring.'''

            def __init__(self):
                self.__secret = [1, 2, 3]

            @functools.lru_cache(maxsize=None)
            def size(self):
                '''So does this one.'''
                return super().size() + len(self.__secret[1:])

        def f(n):
            return Child().size(), Child.__doc__, Child.size.__wrapped__.__doc__
    """,
    "match patterns with complex literals, lambdas, walrus, f-strings and slices": """
        import numpy as np

        def f(n):
            out = []
            for value in (1 + 2j, -3, [1, 2], {"k": 4}):
                match value:
                    case 1 + 2j:
                        out.append("complex")
                    case -3 if (m := -value) > 2:
                        out.append(f"neg {m:>3}")
                    case [a, b]:
                        out.append(a + b)
                    case {"k": v}:
                        out.append(v)
            a = np.arange(n)
            key = sorted(range(n), key=lambda i: (-i % 3, i))
            a[a > 4] = -a[a > 4]
            return out, key[:4], a[::2].tolist(), (lambda: n)()
    """,
    "generators with send and yield from, closures, with, star arguments": """
        import contextlib

        def f(n):
            def echo():
                received = yield "ready"
                while received is not None:
                    received = yield received * 2

            def chained():
                yield from range(3)
                yield from echo()

            total = 0

            def add(*values, scale=1, **extra):
                nonlocal total
                total += sum(values) * scale + len(extra)
                return total

            generator = echo()
            replies = [next(generator), generator.send(4), generator.send(n)]
            with contextlib.suppress(KeyError):
                {}["missing"]
            args, options = [1, 2], {"scale": 3, "note": 0}
            return replies, list(chained())[:4], add(*args, **options), total
    """,
    "exceptions and the lines they name": """
        def f(n):
            try:
                [][n]
            except IndexError as error:
                return type(error).__name__, error.__traceback__.tb_lineno
    """,
}


def call(code: str, *args, budget: dict | None = None, instrument: bool = True):
    """Run `f` from code, instrumented (with a counter) or as written; returns (result, counter)."""
    counter = WorkCounter(budget)
    source = textwrap.dedent(code)
    namespace = {"__name__": "__submission__", **counter.namespace()}
    exec(instrumented(source) if instrument else compile(source, "<submission>", "exec"), namespace)
    return namespace["f"](*args), counter


@pytest.mark.parametrize("code", list(PROGRAMS.values()), ids=list(PROGRAMS))
def test_instrumented_code_returns_what_the_code_as_written_returns(code):
    assert call(code, 10)[0] == call(code, 10, instrument=False)[0]


def used(code: str, *args) -> dict[str, int]:
    return call(code, *args, budget={"steps": 10**9, "elements": 10**9})[1].used()


def test_each_iteration_and_each_call_of_the_codes_own_functions_is_a_step():
    loops = """
        def f(n):
            for i in range(n):
                pass
            j = 0
            while j < n:
                j += 1
            return [g(i) for i in range(n)], list(map(lambda x: x, range(n)))

        def g(x):
            return x
    """
    # f's call, n for-loop iterations, n while iterations, n comprehension iterations, n calls of g and
    # n of the lambda: 1 + 5n
    assert used(loops, 100)["steps"] == 501


def test_new_containers_and_arrays_cost_their_elements_and_existing_ones_cost_nothing():
    assert used("def f(x):\n    return set(x)\n", list(range(1000)))["elements"] == 1000
    assert used("def f(x):\n    return x[10:30]\n", np.arange(100))["elements"] == 20  # a view
    assert used("def f(x):\n    return x + 1\n", np.zeros((20, 5)))["elements"] == 100
    assert used("def f(x):\n    return x.tolist()[0]\n", np.arange(50))["elements"] == 50
    existing = "def f(d):\n    for _ in range(10):\n        d.get('k').append(1)\n    return d['k']\n"
    assert used(existing, {"k": list(range(10_000))})["elements"] == 0
    tested = "def f(x):\n    if x[0] < 5 and not x[-1] > 3:\n        return 1\n"
    assert used(tested, [1, 2])["elements"] == 0


def test_a_container_subclass_is_measured_without_running_its_methods():
    code = """
        class Sneaky(list):
            def __len__(self):
                raise RuntimeError("ran the submission's __len__")

        def f(n):
            return list.__len__(Sneaky(range(n)))
    """
    assert call(code, 7, budget={"steps": 100, "elements": 100})[0] == 7


def test_a_loop_past_its_step_budget_stops_on_its_own_line():
    code = "def f(n):\n    total = 0\n    for i in range(n):\n        total += i\n    return total\n"
    assert call(code, 99, budget={"steps": 100, "elements": 0})[0] == sum(range(99))
    with pytest.raises(StepBudgetExceeded, match="more than 100 steps") as stopped:
        call(code, 100, budget={"steps": 100, "elements": 0})
    assert submission_lines(stopped.value) == [3]  # the `for` line


def submission_lines(error: BaseException) -> list[int]:
    traceback, lines = error.__traceback__, []
    while traceback:
        if traceback.tb_frame.f_code.co_filename == "<submission>":
            lines.append(traceback.tb_lineno)
        traceback = traceback.tb_next
    return lines


def test_building_past_the_element_budget_stops_even_when_the_error_is_caught():
    code = """
        def f(n):
            sizes = []
            for i in range(n):
                try:
                    sizes.append(len(list(range(i))))
                except Exception:
                    pass
            return sizes
    """
    result, counter = call(code, 30, budget={"steps": 1000, "elements": 100})
    assert isinstance(counter.overrun(), ElementBudgetExceeded)
    assert result == list(range(14)) and counter.used()["elements"] == 100  # 0 + 1 + ... + 13 = 91


QUADRATIC = """
    def f(n):
        pairs = 0
        for i in range(n):
            for j in range(n):
                pairs += 1
        return pairs
"""
"""About n² steps: at n = 20,000, 4·10^8, far past the budget and, uncounted, past the time limit."""
TAMPERING = {
    "turns tracing off": ("import sys\nsys.settrace(None)\nsys.setprofile(None)\n", "over the work budget"),
    "catches the budget's error and goes on": (
        "def f(n):\n    try:\n        return g(n)\n    except BaseException:\n        return 0\n",
        "over the work budget",
    ),
    "rebinds the counter's names": (
        "def f(n):\n    globals()['__counted__'] = lambda iterable: iterable\n    return g(n)\n",
        "timed out",
    ),
}
"""Code prepended to QUADRATIC (or wrapping it, as g), and how its verdict starts: the counter does not
trace, so turning tracing off changes nothing; code that rebinds its names escapes to the time limit."""
BUDGETED = Case(
    "pairs",
    "required",
    (20_000,),
    lambda output: None if output == 20_000**2 else f"expected {20_000**2}, got {output}",
    budget=WorkBudget(20_000, "Counting pairs one by one takes n² steps."),
)


def _tampered(prefix: str) -> str:
    body = textwrap.dedent(QUADRATIC)
    return body.replace("def f(", "def g(") + prefix if "def f(" in prefix else prefix + body


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize(("prefix", "verdict"), list(TAMPERING.values()), ids=list(TAMPERING))
async def test_tampering_with_the_counter_gets_a_verdict_and_at_worst_escapes_to_the_time_limit(
    sandbox_pool, prefix, verdict
):
    raw = await sandbox_pool.run(job_for("f", _tampered(prefix), [BUDGETED]))
    tests, _ = judge("f", [BUDGETED], raw)
    assert tests[0].status == "error" and tests[0].message.startswith(verdict), tests[0].message
    healthy = await sandbox_pool.run(job_for("f", "def f(n):\n    return n * n\n", [BUDGETED]))
    assert judge("f", [BUDGETED], healthy)[0][0].status == "pass"


@pytest.mark.asyncio(loop_scope="module")
async def test_a_forged_budget_error_on_a_case_without_a_budget_reads_as_a_plain_error(sandbox_pool):
    code = "def f(n):\n    raise type('StepBudgetExceeded', (Exception,), {})('more than 1 steps')\n"
    unbudgeted = Case("plain", "required", (3,), lambda output: None)
    tests, _ = judge("f", [unbudgeted], await sandbox_pool.run(job_for("f", code, [unbudgeted])))
    assert tests[0].message.startswith("StepBudgetExceeded on line 2 (`raise type(")
    assert tests[0].message.endswith("`): more than 1 steps")
