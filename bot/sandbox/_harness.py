"""Runs a submission on each test input and reports plain data: outputs or errors.

A Python job calls the submission's function on each case's arguments; a SQL job runs the submitted
query against each case's tables in a fresh in-memory SQLite database, read-only.
Self-contained (standard library and numpy; pandas only when a task hands over a table): it runs
inside the sandbox, and in-process as the benchmark floor. It never sees expected answers, so
anything it reports can only describe what the submission returned; the trusted side decides pass
or fail.
"""

import base64
import contextlib
import json
import math
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
        namespace = {"__name__": "__submission__"}
        exec(compile(job["code"], SUBMISSION, "exec"), namespace)
        function = namespace.get(job["function"])
        if not callable(function):
            report["load_error"] = {
                "type": "MissingFunction",
                "message": job["function"],
                "line": None,
                "source": "",
            }
        else:
            report["tests"] = [_run_case(function, case, job, source_lines) for case in job["cases"]]
    except BaseException as error:
        report["load_error"] = describe(error, source_lines)
    if os.getpid() != harness_pid:
        os._exit(0)
    report["stdout"] = _captured_output(job["limits"]["output_bytes"])
    _write_report(report, result_fd)


def _write_report(report, result_fd):
    data = json.dumps(report).encode()
    _write_all(result_fd, len(data).to_bytes(4, "big") + data)


def _run_case(function, case, job, source_lines):
    harness_pid = os.getpid()
    args = decode(case["args"], frames=_dataframe)
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
