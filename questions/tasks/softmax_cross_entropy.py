"""Softmax cross-entropy: the mean loss over the batch and its gradient with respect to the logits."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, as_array, close_to, first_problem, within

FUNCTION = "softmax_cross_entropy"


def reference(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(len(labels))
    loss = float(-log_probs[rows, labels].mean())
    grad = np.exp(log_probs)
    grad[rows, labels] -= 1.0
    return loss, grad / len(labels)


def _unpack(output, shape: tuple[int, int]) -> tuple[np.ndarray | None, np.ndarray | None, str | None]:
    if not isinstance(output, tuple | list) or len(output) != 2:
        return None, None, "return a tuple (loss, grad)"
    loss, problem = as_array(output[0], "loss")
    if problem:
        return None, None, problem
    assert loss is not None
    if loss.size != 1:
        return (
            None,
            None,
            f"`loss` should be a single number (the mean over the batch), got shape {loss.shape}",
        )
    grad, problem = as_array(output[1], "grad", shape)
    if problem:
        return None, None, problem
    return loss.reshape(()), grad, None


def _sizes(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """Rounding sizes: every logit is off by eps·(its row's largest |logit|); the loss adds those up, and
    a probability p moves by about 2·p times it."""
    rows = np.abs(logits).max(axis=1, keepdims=True) + np.log(logits.shape[1])
    one_hot = np.arange(logits.shape[1]) == labels[:, None]
    probabilities = reference(logits, labels)[1] * len(labels) + one_hot
    return float(rows.mean()), (probabilities * (1.0 + 2.0 * rows) + one_hot) / len(labels)


def _loss_problem(loss: np.ndarray, expected: float, n: int, size: float) -> str | None:
    problem = close_to(loss, expected, "loss", atol=1e-8, scale=size)
    if problem and n > 1 and within(loss, expected * n, scale=size * n):
        return problem + " (that is the sum over the batch; the task asks for the mean)"
    return problem


def _grad_problem(
    grad: np.ndarray, expected: np.ndarray, labels: np.ndarray, sizes: np.ndarray
) -> str | None:
    problem = close_to(grad, expected, "grad", scale=sizes)
    if problem is None or grad.size <= 6:
        return problem
    n = len(labels)
    if within(grad, expected * n, scale=sizes * n):
        return (
            "`grad` is n times too large: the loss is a mean over the batch, so its gradient has a 1/n factor"
        )
    if within(grad, -expected, scale=sizes):
        return "`grad` has the wrong sign"
    row = int(np.unravel_index(int(np.abs(grad - expected).argmax()), grad.shape)[0])
    return f"{problem} (row {row} has label {labels[row]})"


def _check(logits: np.ndarray, labels: np.ndarray, parts: tuple[str, ...] = ("loss", "grad")):
    expected_loss, expected_grad = reference(logits, labels)
    loss_size, grad_sizes = _sizes(logits, labels)

    def check(output) -> str | None:
        loss, grad, problem = _unpack(output, logits.shape)
        if problem:
            return problem
        assert loss is not None and grad is not None
        return first_problem(
            _loss_problem(loss, expected_loss, len(labels), loss_size) if "loss" in parts else None,
            _grad_problem(grad, expected_grad, labels, grad_sizes) if "grad" in parts else None,
        )

    return check


def _batch(rng: np.random.Generator, n: int, c: int, scale: float) -> tuple[np.ndarray, np.ndarray]:
    return rng.normal(scale=scale, size=(n, c)), rng.integers(0, c, n)


def cases(rng: np.random.Generator) -> list[Case]:
    logits, labels = _batch(rng, int(rng.integers(6, 15)), int(rng.integers(3, 6)), 2.0)
    logits2, labels2 = _batch(rng, int(rng.integers(20, 40)), int(rng.integers(7, 12)), 3.0)
    huge, huge_labels = _batch(rng, int(rng.integers(5, 10)), int(rng.integers(3, 6)), 1000.0)
    huge += rng.choice([-1.0, 1.0]) * 2000.0
    single, single_label = _batch(rng, 1, int(rng.integers(3, 7)), 2.0)
    return [
        Case(
            "returns (loss, grad) with grad shaped like the logits",
            "required",
            (logits, labels),
            _check(logits, labels, ()),
        ),
        Case(
            "the mean cross-entropy loss over the batch",
            "required",
            (logits, labels),
            _check(logits, labels, ("loss",)),
        ),
        Case(
            "the gradient with respect to the logits",
            "required",
            (logits, labels),
            _check(logits, labels, ("grad",)),
        ),
        Case(
            "loss and gradient for a larger batch with more classes",
            "required",
            (logits2, labels2),
            _check(logits2, labels2),
        ),
        Case(
            "huge logits (around ±1000s): no overflow, no log(0), no warnings",
            "required",
            (huge, huge_labels),
            _check(huge, huge_labels),
            forbid_warnings=True,
        ),
        Case(
            "a single example: the loss is a number and grad keeps shape (1, c)",
            "edge",
            (single, single_label),
            _check(single, single_label),
            followup="Where does the 1/n in the gradient come from, and what is it when n = 1?",
        ),
    ]
