"""Solutions to code tasks for tests and benchmarks: the bank's reference, and the same in lower precision."""

from __future__ import annotations

import ast
import re

from questions import QuestionBank

REWRITES = (
    (r"dtype=float\b", "dtype=_LOW"),
    (r"\.astype\(float\)", ".astype(_LOW)"),
    (r"np\.float64\b", "_LOW"),
)
"""Every place a reference picks float64 picks the low precision instead."""

WRAPPER = '''

import numpy as _np

_LOW = _np.{dtype}


def _lowered(value):
    """Float arrays and scalars in the low precision; everything else (ints, bools, str) as it is."""
    if isinstance(value, _np.ndarray):
        return value.astype(_LOW) if value.dtype.kind == "f" else value
    if isinstance(value, float | _np.floating):
        return _LOW(value)
    if isinstance(value, tuple | list):
        return type(value)(_lowered(v) for v in value)
    if isinstance(value, dict):
        return {{k: _lowered(v) for k, v in value.items()}}
    return value


def _arrays_lowered(value):
    """Inputs: float arrays (also inside dicts) drop precision; Python scalars such as lr stay exact."""
    if isinstance(value, _np.ndarray):
        return _lowered(value)
    if isinstance(value, dict):
        return {{k: _arrays_lowered(v) for k, v in value.items()}}
    return value


_solution = {function}


def {function}(*args):
    return _lowered(_solution(*(_arrays_lowered(a) for a in args)))
'''


def lowered(code: str, function: str, dtype: str = "float32") -> str:
    """`code` computing in `dtype`: float inputs cast down, float64 choices rewritten, outputs cast down."""
    for pattern, replacement in REWRITES:
        code = re.sub(pattern, replacement, code)
    return f"{code}{WRAPPER.format(dtype=dtype, function=function)}"


def reference_solution(bank: QuestionBank, question_id: str) -> str:
    """The solution shown at the reveal is the one that must pass: the answer's last block in its language."""
    question = bank.get(question_id)
    assert question is not None, f"no question {question_id}"
    blocks = re.findall(rf"```{question.language}\n(.*?)```", question.answer, re.S)
    assert blocks, f"{question_id}: the answer needs a ```{question.language} reference solution"
    return blocks[-1]


SLOW_MARK = "Correct but"
"""How a wrong implementation's docstring says that only its cost is wrong."""


def only_too_slow(code: str) -> bool:
    """A wrong implementation that is correct but too slow: the work budget, not a timeout, must stop it."""
    return (ast.get_docstring(ast.parse(code)) or "").startswith(SLOW_MARK)


WRONG_KMEANS = (
    "import numpy as np\ndef kmeans(X, k, max_iters=100):\n    return np.zeros(len(X), dtype=int), X[:k]\n"
)
"""A k-means that returns labels its centroids do not explain: the checks must say so."""
KMEANS_WRONG_MESSAGE = "labels must match the returned centroids"


def kmeans_console_input(bank: QuestionBank) -> str:
    """What a learner types in the console: `/quiz kmeans` answered right, then again answered wrong."""
    correct = reference_solution(bank, "kmeans")
    return f"/quiz kmeans\n```python\n{correct}```\n/quiz kmeans\n```python\n{WRONG_KMEANS}```\n/quit\n"


def console_verdicts(out: str) -> list[str]:
    """The code verdict lines the console printed, in order."""
    return re.findall(r"^[✓✗◐] (?:Passed|Not passed yet|Partly passed)[^\n]*", out, re.M)
