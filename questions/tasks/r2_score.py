"""Coefficient of determination; constant y_true gives 1.0 for perfect predictions, else 0.0."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, close_to

FUNCTION = "r2_score"


def reference(y_true, y_pred) -> float:
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    ss_res = float(np.sum((y_true - y_pred) ** 2))
    ss_tot = float(np.sum((y_true - y_true.mean()) ** 2))
    if ss_tot == 0:
        return 1.0 if ss_res == 0 else 0.0
    return 1.0 - ss_res / ss_tot


def _diagnosis(y_true, y_pred, expected: float, got: float) -> str:
    """A likely cause for a wrong value, recognised by recomputing the usual mistakes."""
    if expected < 0 <= got:
        return "R² is not clipped at 0: it is negative when the model is worse than the mean"
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    ss_res = float(np.sum((y_true - y_pred) ** 2))
    variance = float(np.var(y_true, ddof=1))
    around_pred = float(np.sum((y_true - y_pred.mean()) ** 2))
    candidates = []
    if variance > 0:
        mixed = 1 - (ss_res / len(y_true)) / variance
        candidates.append((mixed, "MSE (1/n) over a ddof=1 variance mixes denominators"))
        correlation = float(np.corrcoef(y_true, y_pred)[0, 1] ** 2)
        candidates.append((correlation, "that is the squared correlation, which ignores bias and scale"))
    if around_pred > 0:
        baseline = 1 - ss_res / around_pred
        candidates.append((baseline, "SS_tot is taken around the mean of y_true, not of y_pred"))
    for value, hint in candidates:
        if np.isclose(got, value, rtol=1e-6, atol=1e-9):
            return hint
    return ""


def _r2(y_true, y_pred, constant: bool = False):
    expected = reference(y_true, y_pred)
    y = np.asarray(y_true, dtype=float)
    spread = float(np.sum((y - y.mean()) ** 2))
    # residuals and deviations cancel terms as large as |y|: SS is off by about eps·Σ|y|·|residual|
    size = float(
        np.sum(np.abs(y) * (np.abs(y - np.asarray(y_pred, dtype=float).ravel()) + np.abs(y - y.mean())))
    )
    size = size / spread * (1.0 + abs(expected)) if spread else 1.0

    def check(output) -> str | None:
        value, problem = as_array(output, "r2", ())
        if problem:
            return problem + " (return one float)"
        assert value is not None
        got = float(value)
        if np.isnan(got) or np.isinf(got):
            return f"R² is {got}" + (": a constant y_true needs the stated convention" if constant else "")
        problem = close_to(value, expected, "R²", atol=1e-9, scale=size)
        if problem is None:
            return None
        message = problem
        if constant:
            return message + " (constant y_true: 1.0 if the predictions are perfect, else 0.0)"
        hint = _diagnosis(y_true, y_pred, expected, got)
        return f"{message} ({hint})" if hint else message

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(30, 60))
    y = rng.normal(rng.uniform(-10, 10), rng.uniform(2, 5), size=n)
    good = y + rng.normal(scale=0.4 * y.std(), size=n)

    n2 = int(rng.integers(20, 40))
    y2 = rng.normal(size=n2)
    bad = rng.normal(loc=1.0, scale=2.0, size=n2)

    n3 = int(rng.integers(20, 40))
    y3 = rng.uniform(0, 10, size=n3)
    offset = y3 + rng.uniform(1.0, 3.0) * rng.choice([-1.0, 1.0])

    constant = np.full(int(rng.integers(5, 12)), float(rng.integers(-5, 6)))
    near = constant + rng.normal(scale=0.5, size=len(constant))

    return [
        Case("R² of a good model", "required", (y, good), _r2(y, good)),
        Case(
            "a model worse than predicting the mean has negative R²",
            "required",
            (y2, bad),
            _r2(y2, bad),
        ),
        Case(
            "a constant offset lowers R² even though the correlation is perfect",
            "required",
            (y3, offset),
            _r2(y3, offset),
        ),
        Case(
            "constant y_true with perfect predictions gives 1.0",
            "required",
            (constant, constant.copy()),
            _r2(constant, constant, constant=True),
            forbid_warnings=True,
        ),
        Case(
            "constant y_true with imperfect predictions gives 0.0",
            "required",
            (constant, near),
            _r2(constant, near, constant=True),
            forbid_warnings=True,
        ),
        Case(
            "y_pred as an (n, 1) column, as model.predict often returns it",
            "edge",
            (y, good.reshape(-1, 1)),
            _r2(y, good),
            followup="What does y_true - y_pred give when y_pred has shape (n, 1)? Why does sklearn return "
            "0.0 rather than -inf for a constant y_true?",
        ),
    ]
