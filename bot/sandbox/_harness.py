"""Runs a submission on each test input and reports plain data: outputs or errors.

A Python job calls the submission's function on each case's arguments; a SQL job runs the submitted
query against each case's tables in a fresh in-memory SQLite database, read-only. A case with a work
budget runs the code rewritten to count its work, deterministically (see `WorkCounter`).
Self-contained (standard library and numpy; pandas only when a task hands over a table): it runs
inside the sandbox, and in-process as the benchmark floor. It never sees expected answers, so
anything it reports can only describe what the submission returned; the trusted side decides pass
or fail.
"""

import ast
import base64
import collections
import contextlib
import itertools
import json
import math
import operator
import os
import re
import signal
import sys
import time
import traceback
import warnings
from typing import Any

SUBMISSION = "<submission>"


class CaseTimeout(Exception):
    pass


class Frame(dict):
    """Named columns: a pandas DataFrame for the submission, a dict of arrays and lists outside."""


class WorkBudgetExceeded(Exception):
    """A counted input was used more often than the task's work budget allows."""


class Monotone:
    """A predicate, True up to `last_true` and False above, that counts its calls: a binary search's input.

    The boundary is the input itself, as a sorted array would be; the verdict is still judged outside.
    """

    def __init__(self, last_true, calls):
        self.last_true, self.budget, self.calls = last_true, calls, 0

    def __call__(self, x):
        self.calls += 1
        if self.calls > self.budget:
            raise WorkBudgetExceeded(f"called more than {self.budget} times")
        return x <= self.last_true


class StepBudgetExceeded(WorkBudgetExceeded):
    """More loop iterations and calls of its own functions than a case's budget allows."""


class ElementBudgetExceeded(WorkBudgetExceeded):
    """More elements of new lists, sets, dicts and arrays than a case's budget allows."""


class _Allowance:
    """`budget` draws of None from `draw`, a C iterator (no Python frame per draw), then an error on each.

    The first error is kept: it is the verdict even if the submission catches it and goes on.
    """

    def __init__(self, budget, error, what):
        self.budget, self._error, self._what, self.first = budget, error, what, None
        self._left = itertools.repeat(None) if budget is None else itertools.repeat(None, budget)
        self.draw = itertools.chain(self._left, self)

    @property
    def used(self):
        return self.budget - operator.length_hint(self._left)

    def __iter__(self):
        return self

    def __next__(self):
        error = self._error(f"more than {self.budget:,} {self._what}")
        self.first = self.first or error
        raise error


_FIRST = operator.itemgetter(0)
_LENGTHS: dict[type, Any] = {
    kind: kind.__len__
    for kind in (list, tuple, set, frozenset, dict, str, bytes, bytearray, collections.deque)
}
"""The built-in containers and their own __len__, which a subclass cannot override."""
_FRESH = 2
"""sys.getrefcount of a value that only the expression which built it holds, seen inside `charged`
(CPython 3.11; the budget tests through the real sandbox fail if its interpreter counts otherwise)."""


class WorkCounter:
    """Counts a submission's work deterministically, and stops it past a case's budget.

    Two counts, each with its own budget: steps, one per iteration of a loop or comprehension and per
    call of a function the submission defines; and elements, one per element of each new list, tuple,
    set, dict, string or array (a view too) that one of its calls, operators or subscripts returns.
    A value is new when only the expression that built it holds it (its reference count). So
    `len(set(window))` costs len(window) elements however fast C builds the set, while returning an
    existing list costs nothing. Work inside one library call that returns a scalar (np.max of a
    slice, `x in a_list`) is not seen. The submission runs in this process and can rebind or drain
    the counter; then it escapes the budget, never the sandbox's CPU limit, and the trusted side
    judges whatever is reported.
    """

    def __init__(self, budget=None):
        budget = budget or {}
        self.steps = _Allowance(budget.get("steps"), StepBudgetExceeded, "steps")
        self.elements = _Allowance(budget.get("elements"), ElementBudgetExceeded, "elements")

    def namespace(self):
        """The names instrumented code calls (dunder names: a class body would mangle `__x`)."""
        steps = self.steps.draw

        def counted(iterable):
            return map(_FIRST, zip(iterable, steps, strict=False))  # stops with the iterable, not the budget

        charged = _charger(self.elements.draw)
        return {"__tick__": steps.__next__, "__counted__": counted, "__charged__": charged}

    def overrun(self):
        return self.steps.first or self.elements.first

    def used(self):
        return {"steps": self.steps.used, "elements": self.elements.used}


def _charger(draw):
    """A function returning its argument after drawing one element per element of it, if it is new."""
    import numpy

    ndarray, size_of = numpy.ndarray, numpy.ndarray.size.__get__
    scalars = {int, float, bool, complex, type(None), numpy.int64, numpy.float64, numpy.float32, numpy.bool_}
    getrefcount, islice = sys.getrefcount, itertools.islice

    def charged(value):
        if type(value) in scalars or getrefcount(value) > _FRESH:
            return value
        size = size_of(value) if isinstance(value, ndarray) else _length(value)
        if size:
            next(islice(draw, size - 1, None))
        return value

    return charged


def _length(value):
    """Elements of a built-in container, found without running any of the submission's methods."""
    for kind, length in _LENGTHS.items():
        if isinstance(value, kind):
            return length(value)
    return 0


class _Instrument(ast.NodeTransformer):
    """Rewrites a submission to report its work to a WorkCounter's names; line numbers are kept."""

    BUILDERS = (ast.Call, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Subscript)

    def __init__(self):
        self._conditions = set()

    def visit(self, node):
        for test in _tests_of(node):
            self._mark_condition(test)
        node = super().visit(node)
        return ast.copy_location(_call("__charged__", node), node) if self._builds(node) else node

    def _builds(self, node):
        """Expressions that may return a new container of any size; a comparison tested for truth does not."""
        if isinstance(node, ast.Compare):
            return id(node) not in self._conditions
        if isinstance(node, ast.Subscript):  # row[0], merged[-1]: an element, or a view of fixed size
            return isinstance(node.ctx, ast.Load) and not isinstance(node.slice, ast.Constant)
        if isinstance(node, ast.UnaryOp):
            return not isinstance(node.op, ast.Not)
        return isinstance(node, self.BUILDERS)

    def _mark_condition(self, test):
        self._conditions.add(id(test))
        if isinstance(test, ast.BoolOp):
            for value in test.values:
                self._mark_condition(value)
        elif isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            self._mark_condition(test.operand)

    def visit_For(self, node):
        self.generic_visit(node)
        node.iter = ast.copy_location(_call("__counted__", node.iter), node.iter)
        return node

    def visit_comprehension(self, node):
        self.generic_visit(node)
        if not node.is_async:
            node.iter = ast.copy_location(_call("__counted__", node.iter), node.iter)
        return node

    def visit_While(self, node):
        self.generic_visit(node)
        node.body.insert(0, _tick(node))
        return node

    def visit_FunctionDef(self, node):
        self.generic_visit(node)
        node.body.insert(int(ast.get_docstring(node, clean=False) is not None), _tick(node))
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self.generic_visit(node)
        node.body = ast.copy_location(ast.BoolOp(ast.Or(), [_call("__tick__"), node.body]), node.body)
        return node

    def visit_match_case(self, node):
        """Patterns must stay literal: only the guard and the body are rewritten."""
        node.guard = node.guard and self.visit(node.guard)
        node.body = [self.visit(statement) for statement in node.body]
        return node


def _tests_of(node):
    if isinstance(node, ast.If | ast.While | ast.IfExp | ast.Assert):
        return [node.test]
    return node.ifs if isinstance(node, ast.comprehension) else []


def _call(name, *args):
    return ast.Call(ast.Name(name, ast.Load()), list(args), [])


def _tick(node):
    return ast.copy_location(ast.Expr(_call("__tick__")), node)


def instrumented(code):
    """The submission compiled to report its work to a WorkCounter (see `_Instrument`)."""
    tree = _Instrument().visit(ast.parse(code, SUBMISSION))
    return compile(ast.fix_missing_locations(tree), SUBMISSION, "exec")


def encode(value, depth=0):
    """JSON-safe data: arrays as dtype, shape and flat values; no objects that could run code."""
    import numpy as np

    if depth > 20:
        return {"__unsupported__": "nesting deeper than 20 levels"}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biufM":
            return {"__unsupported__": f"array of dtype {value.dtype}"}
        data = value.astype(value.dtype.newbyteorder("<"), order="C", copy=False)
        return {
            "__ndarray__": base64.b64encode(data.tobytes()).decode("ascii"),
            "dtype": data.dtype.str,
            "shape": list(data.shape),
        }
    if isinstance(value, np.generic):
        return (
            {"__scalar__": value.item(), "dtype": str(value.dtype)}
            if value.dtype.kind in "biuf"
            else {"__unsupported__": f"numpy {value.dtype}"}
        )
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"__float__": repr(value)}
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v, depth + 1) for v in value]}
    if isinstance(value, list):
        return [encode(v, depth + 1) for v in value]
    if isinstance(value, Frame):
        return {"__frame__": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    if isinstance(value, dict):
        return {"__dict__": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    if isinstance(value, Monotone):
        return {"__monotone__": [value.last_true, value.budget]}
    if type(value).__name__ == "DataFrame" and type(value).__module__.startswith("pandas"):
        return _encode_frame(value, depth)
    return {"__unsupported__": type(value).__name__}


def _encode_frame(frame, depth):
    """Named index levels become columns (as reset_index() would); each column an array or a plain list."""
    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()
    columns = [
        [encode(name, depth + 1), _column(frame.iloc[:, i], depth + 1)]
        for i, name in enumerate(frame.columns)
    ]
    return {"__frame__": columns}


def _column(series, depth):
    """Numeric and datetime columns as arrays (nullable ones as float, NaN where missing); others as lists."""
    import numpy as np

    dtype, missing = series.dtype, series.isna().to_numpy()
    if isinstance(dtype, np.dtype) and dtype.kind in "biufM":
        return encode(series.to_numpy(), depth)
    if getattr(dtype, "_is_numeric", False) and hasattr(dtype, "numpy_dtype"):
        plain = (
            series.to_numpy("float64", na_value=np.nan)
            if missing.any()
            else series.to_numpy(dtype.numpy_dtype)
        )
        return encode(plain, depth)
    return [
        None if gone else encode(item, depth + 1) for item, gone in zip(series.tolist(), missing, strict=True)
    ]


def decode(value, frames=Frame):
    """The inverse of encode for the inputs the trusted side sends; `frames` builds each table."""
    import numpy as np

    if isinstance(value, list):
        return [decode(v, frames) for v in value]
    if not isinstance(value, dict):
        return value
    if "__ndarray__" in value:
        return _array(value)
    if "__tuple__" in value:
        return tuple(decode(v, frames) for v in value["__tuple__"])
    if "__dict__" in value:
        return {decode(k, frames): decode(v, frames) for k, v in value["__dict__"]}
    if "__frame__" in value:
        return frames({decode(k, frames): decode(v, frames) for k, v in value["__frame__"]})
    if "__monotone__" in value:
        return Monotone(*value["__monotone__"])
    if "__float__" in value:
        return float(value["__float__"])
    if "__scalar__" in value:
        return np.array(value["__scalar__"], dtype=value["dtype"])[()]
    raise ValueError(f"cannot decode {sorted(value)}")


def _dataframe(columns):
    """Inside the sandbox a table is a pandas DataFrame; pandas loads only for the tasks that use it."""
    import pandas

    return pandas.DataFrame(columns)


def _array(value):
    """Raw little-endian bytes, copied so the receiver may change the array in place."""
    import numpy as np

    data = base64.b64decode(value["__ndarray__"], validate=True)
    dtype = np.dtype(value["dtype"])
    if dtype.kind == "b":
        return (np.frombuffer(data, np.uint8) != 0).reshape(value["shape"])
    return np.frombuffer(data, dtype).reshape(value["shape"]).astype(dtype.newbyteorder("="))


def describe(error, source_lines):
    """The exception and the line of *their* code it came from."""
    line = None
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename == SUBMISSION:
            line = frame.lineno
            break
    if isinstance(error, SyntaxError) and error.filename == SUBMISSION:
        line = error.lineno
    text = source_lines[line - 1].strip() if line and 0 < line <= len(source_lines) else ""
    message = str(error) if not isinstance(error, SyntaxError) else error.msg
    return {"type": type(error).__name__, "message": message[:500], "line": line, "source": text[:200]}


def _on_alarm(signum, frame):
    raise CaseTimeout()


def _captured_output(limit):
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    try:
        with open(".output", "rb") as output:
            data = output.read(limit + 1)
    except OSError:
        return ""
    text = data[:limit].decode("utf-8", "replace")
    return text + ("\n[output truncated]" if len(data) > limit else "")


def run_submission(job, result_fd):
    """Load the code, call the function on each case, and write one length-prefixed JSON result."""
    if job.get("language") == "sql":
        _write_report(run_query(job), result_fd)
        return
    harness_pid = os.getpid()
    source_lines = job["code"].splitlines()
    report: dict[str, Any] = {"tests": [], "stdout": ""}
    try:
        counted = any("budget" in case for case in job["cases"])
        namespace = {"__name__": "__submission__", **(WorkCounter().namespace() if counted else {})}
        exec(instrumented(job["code"]) if counted else compile(job["code"], SUBMISSION, "exec"), namespace)
        function = namespace.get(job["function"])
        if not callable(function):
            report["load_error"] = {
                "type": "MissingFunction",
                "message": job["function"],
                "line": None,
                "source": "",
            }
        else:
            counters = namespace if counted else None
            report["tests"] = [
                _run_case(function, case, job, source_lines, counters) for case in job["cases"]
            ]
    except BaseException as error:
        report["load_error"] = describe(error, source_lines)
    if os.getpid() != harness_pid:
        os._exit(0)
    report["stdout"] = _captured_output(job["limits"]["output_bytes"])
    _write_report(report, result_fd)


def _write_report(report, result_fd):
    data = json.dumps(report).encode()
    _write_all(result_fd, len(data).to_bytes(4, "big") + data)


def _run_case(function, case, job, source_lines, counters):
    """One call; `counters` is the namespace of instrumented code, which gets this case's WorkCounter."""
    harness_pid = os.getpid()
    args = decode(case["args"], frames=_dataframe)
    counter = WorkCounter(case.get("budget"))
    if counters is not None:
        counters.update(counter.namespace())
    signal.signal(signal.SIGALRM, _on_alarm)
    started = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, job["limits"]["case_seconds"])
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            output = function(*args)
        entry = {"output": encode(output), "warnings": [str(w.message)[:200] for w in caught[:5]]}
    except CaseTimeout:
        entry = {
            "error": {
                "type": "Timeout",
                "message": f"took longer than {job['limits']['case_seconds']} s",
                "line": None,
                "source": "",
            }
        }
    except BaseException as error:
        entry = {"error": describe(error, source_lines)}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if os.getpid() != harness_pid:
        os._exit(0)
    if counter.overrun():  # reported even when the submission caught it and went on
        entry = {"error": describe(counter.overrun(), source_lines)}
    if "budget" in case:
        entry["work"] = counter.used()
    entry["ms"] = round((time.perf_counter() - started) * 1000, 3)
    return entry


def _write_all(fd, data):
    while data:
        written = os.write(fd, data)
        data = data[written:]


SQL_ALLOWED_ACTIONS = ("SELECT", "READ", "FUNCTION", "RECURSIVE")
"""What a query may do, in SQLite's authorizer terms: read tables, call functions, recurse in a CTE."""
SQL_ACTIONS = (
    *("CREATE_INDEX", "CREATE_TABLE", "CREATE_TEMP_INDEX", "CREATE_TEMP_TABLE", "CREATE_TEMP_TRIGGER"),
    *("CREATE_TEMP_VIEW", "CREATE_TRIGGER", "CREATE_VIEW", "DELETE", "DROP_INDEX", "DROP_TABLE"),
    *("DROP_TEMP_INDEX", "DROP_TEMP_TABLE", "DROP_TEMP_TRIGGER", "DROP_TEMP_VIEW", "DROP_TRIGGER"),
    *("DROP_VIEW", "INSERT", "PRAGMA", "TRANSACTION", "UPDATE", "ATTACH", "DETACH", "ALTER_TABLE"),
    *("REINDEX", "ANALYZE", "CREATE_VTABLE", "DROP_VTABLE", "SAVEPOINT"),
)
"""Authorizer action codes by name (the module's other SQLITE_ constants reuse the same numbers)."""
SQL_STEPS_PER_CHECK = 1_000
"""SQLite VM instructions between two looks at the clock (each look costs about a microsecond)."""
_SQL_TOKEN = re.compile(r'(?:near "(?P<near>[^"]+)"|no such (?:column|table|function): (?P<name>\S+))')


def run_query(job):
    """Run the query on each case's tables; stop at the first error, since the rest would repeat it."""
    import sqlite3

    query, limits = job["query"], job["limits"]
    lines = query.splitlines()
    report: dict = {"tests": [], "stdout": ""}
    for case in job["cases"]:
        started = time.perf_counter()
        entry = _query_case(sqlite3, query, case["tables"], limits, lines)
        entry["ms"] = round((time.perf_counter() - started) * 1000, 3)
        report["tests"].append(entry)
        if "error" in entry:
            break
    return report


def _query_case(sqlite3, query, tables, limits, lines):
    connection = sqlite3.connect(":memory:", isolation_level=None)
    refused: list[str] = []
    try:
        _load_tables(connection, tables)
        _lock_down(sqlite3, connection, limits, refused)
        cursor = connection.execute(query)
        if cursor.description is None:
            return _sql_error("not a query", "it returns no rows: send one SELECT (or WITH ... SELECT)")
        rows = cursor.fetchmany(limits["result_rows"] + 1)
        if len(rows) > limits["result_rows"]:
            return _sql_error("too many rows", f"it returned more than {limits['result_rows']:,} rows")
        columns = [column[0] for column in cursor.description]
        return {"output": _result_set(columns, rows), "warnings": []}
    except (sqlite3.Error, sqlite3.Warning) as error:
        return _query_failure(error, refused, limits, lines)
    except MemoryError:
        return _sql_error("out of memory", f"the query needed more than {limits['sql_heap_mb']} MB")
    finally:
        connection.close()


def _load_tables(connection, tables):
    """The case's tables, created and filled before any user SQL runs."""
    for table in tables:
        columns = ", ".join(f'"{name}" {kind}' for name, kind in table["columns"])
        connection.execute(f'CREATE TABLE "{table["name"]}" ({columns})')
        marks = ", ".join("?" * len(table["columns"]))
        connection.executemany(f'INSERT INTO "{table["name"]}" VALUES ({marks})', table["rows"])


def _lock_down(sqlite3, connection, limits, refused):
    """Read-only, bounded in size, memory and time; the authorizer records what it refused."""
    connection.execute("PRAGMA query_only = ON")
    connection.execute("PRAGMA temp_store = MEMORY")
    connection.execute(f"PRAGMA hard_heap_limit = {limits['sql_heap_mb'] * 1024 * 1024}")
    connection.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limits["output_bytes"] * 64)
    connection.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, limits["sql_chars"])
    allowed = {getattr(sqlite3, f"SQLITE_{name}") for name in SQL_ALLOWED_ACTIONS}
    names = {getattr(sqlite3, f"SQLITE_{name}", None): name.replace("_", " ") for name in SQL_ACTIONS}

    def authorize(action, table, *_):
        if action in allowed:
            return sqlite3.SQLITE_OK
        schema = str(table).startswith("sqlite_")  # CREATE, DROP and ALTER write SQLite's schema table
        refused.append("to change the schema" if schema else names.get(action, f"action {action}"))
        return sqlite3.SQLITE_DENY

    connection.set_authorizer(authorize)
    deadline = time.perf_counter() + limits["case_seconds"]
    connection.set_progress_handler(lambda: time.perf_counter() > deadline, SQL_STEPS_PER_CHECK)


def _result_set(columns, rows):
    """Columns and rows as JSON data; a BLOB becomes a marker the trusted side refuses."""
    return {
        "__dict__": [
            ["columns", columns],
            [
                "rows",
                [
                    [encode(value) if not isinstance(value, bytes) else _blob(value) for value in row]
                    for row in rows
                ],
            ],
        ]
    }


def _blob(value):
    return {"__unsupported__": f"a BLOB of {len(value):,} bytes (return numbers or text)"}


def _query_failure(error, refused, limits, lines):
    """A short verdict: what SQLite said, and the line of the query it is about when one can tell."""
    message = str(error)
    if refused:
        return _sql_error("not allowed", f"only reading is allowed here, and the query tried {refused[0]}")
    if message == "interrupted":
        return _sql_error("Timeout", f"took longer than {limits['case_seconds']} s")
    if "one statement at a time" in message:
        return _sql_error("SQL error", "send one statement: the query has more than one")
    line = _line_of(message, lines)
    return _sql_error("SQL error", message[:500], line, lines[line - 1].strip()[:200] if line else "")


def _line_of(message, lines):
    """The first line of the query holding the token SQLite names (it does not report positions)."""
    found = _SQL_TOKEN.search(message)
    token = found and (found.group("near") or found.group("name"))
    if not token:
        return None
    pattern = re.compile(rf"(?<![\w.]){re.escape(token)}(?![\w.])", re.I)
    return next((number for number, text in enumerate(lines, 1) if pattern.search(text)), None)


def _sql_error(kind, message, line=None, source=""):
    return {"error": {"type": kind, "message": message, "line": line, "source": source}}
