"""Checkable claims in concept answers, computed with numpy here rather than trusted from the files."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from questions import BANK_DIR, read_question


def _answer(question_id: str) -> str:
    """The reference answer with whitespace collapsed, so a claim can be found across line breaks."""
    question, problems = read_question(next(BANK_DIR.rglob(f"{question_id}.yaml")))
    assert question is not None, problems
    return " ".join(question.answer.split())


def _numeric_gradients(loss, params: dict[str, np.ndarray], step: float = 1e-6) -> dict[str, np.ndarray]:
    """Central differences: independent of any backprop formula the answer states."""
    grads = {}
    for name, array in params.items():
        grad = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            saved = array[index]
            array[index] = saved + step
            up = loss()
            array[index] = saved - step
            down = loss()
            array[index] = saved
            grad[index] = (up - down) / (2 * step)
        grads[name] = grad
    return grads


@pytest.mark.parametrize("activation", [np.tanh, lambda z: np.maximum(z, 0.0)], ids=["tanh", "relu"])
def test_all_zero_weights_move_only_the_output_bias(activation):
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(8, 3)), rng.normal(size=(8, 2))
    params = {
        name: np.zeros(shape)
        for name, shape in [("w1", (3, 4)), ("b1", (4,)), ("w2", (4, 4)), ("b2", (4,)), ("w_out", (4, 2))]
    }
    params["b_out"] = np.zeros(2)

    def loss() -> float:
        h1 = activation(x @ params["w1"] + params["b1"])
        h2 = activation(h1 @ params["w2"] + params["b2"])
        return float(np.mean((h2 @ params["w_out"] + params["b_out"] - y) ** 2))

    grads = _numeric_gradients(loss, params)
    assert {name for name, grad in grads.items() if np.abs(grad).max() > 1e-8} == {"b_out"}
    assert "Only the output bias moves" in _answer("weight-initialisation")


def test_a_batch_of_one_normalises_every_feature_to_beta():
    x = np.array([[3.0, -1.5, 40.0]])
    gamma, beta, eps = np.array([2.0, 0.5, -1.0]), np.array([0.3, -0.7, 1.1]), 1e-5

    def batch_norm(inputs: np.ndarray) -> np.ndarray:
        mean, var = inputs.mean(axis=0), inputs.var(axis=0)
        return gamma * (inputs - mean) / np.sqrt(var + eps) + beta

    assert np.array_equal(batch_norm(x), beta[None, :])
    assert np.array_equal(batch_norm(x * 7 - 2), beta[None, :])  # the input has no effect at all
    assert "every output is exactly β whatever the input" in _answer("batch-normalisation")


@pytest.mark.parametrize(
    ("name", "activation"),
    [
        ("GELU", lambda z: z * 0.5 * (1 + np.vectorize(math.erf)(z / math.sqrt(2)))),
        ("SiLU", lambda z: z / (1 + np.exp(-z))),
    ],
)
def test_gelu_and_silu_slopes_exceed_one_by_the_stated_amount(name, activation):
    z = np.linspace(-6, 6, 240_001)
    slope = np.gradient(activation(z), z)
    peak = float(slope.max())
    assert peak > 1.05
    answer = _answer("vanishing-gradients")
    stated = answer[answer.index(f"≈ {peak:.2f} at z") :]
    assert stated.split(" for ")[1].startswith(name)


def test_dropout_on_linear_regression_adds_a_second_moment_weighted_l2_penalty():
    rng = np.random.default_rng(1)
    x, y, w, drop = rng.normal(size=(5, 3)) + 0.4, rng.normal(size=5), rng.normal(size=3), 0.3
    keep = 1 - drop
    expected_loss = 0.0
    for mask in itertools.product([0, 1], repeat=3):  # the same mask law for every row; rows are independent
        probability = math.prod(keep if m else drop for m in mask)
        expected_loss += probability * float(np.sum((y - x @ (np.array(mask) * w / keep)) ** 2))
    penalty = drop / keep * float(np.sum(w**2 * np.sum(x**2, axis=0)))
    assert expected_loss == pytest.approx(float(np.sum((y - x @ w) ** 2)) + penalty, rel=1e-12)
    answer = _answer("dropout")
    assert "p/(1 − p) Σ_j w_j² Σ_i x_ij²" in answer and "Fisher information" in answer
