"""Layer generators, recomputed by building the actual weight arrays or shapes with numpy over 100 seeds."""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
import pytest

from questions import BANK_DIR, read_question
from questions.generators import generate
from questions.generators._layers import lstm_parameters, lstm_values

SEEDS = range(100)


def _size(*arrays: np.ndarray) -> int:
    return sum(a.size for a in arrays)


def _weights(*shape: int) -> np.ndarray:
    return np.empty(shape, dtype=np.float32)


@pytest.mark.parametrize("seed", SEEDS)
def test_mlp_parameters_by_building_the_layers(seed):
    drawn = generate("mlp-parameter-count", seed)
    widths = [int(w) for w in drawn.values["arch"].split("→")]
    layers = [(_weights(n_in, n_out), _weights(n_out)) for n_in, n_out in itertools.pairwise(widths)]
    assert len(layers) == drawn.values["n_layers"]
    assert drawn.answer == sum(_size(w, b) for w, b in layers)


@pytest.mark.parametrize("seed", SEEDS)
def test_conv2d_parameters_by_building_the_kernel(seed):
    drawn = generate("conv2d-parameter-count", seed)
    v = drawn.values
    kernel = _weights(v["c_out"], v["c_in"], v["k"], v["k"])  # PyTorch layout: out, in, kh, kw
    bias = _weights(v["c_out"])
    assert drawn.answer == _size(kernel, bias)


@pytest.mark.parametrize("seed", SEEDS)
def test_conv_pool_output_by_sliding_windows_over_an_array(seed):
    drawn = generate("conv-pool-output-size", seed)
    v = drawn.values
    k, stride, padding = v["k"], v["stride"], v["padding"]
    image = np.zeros((v["size"], v["size"]))
    padded = np.pad(image, padding)
    conv_windows = np.lib.stride_tricks.sliding_window_view(padded, (k, k))[::stride, ::stride]
    feature_map = np.zeros(conv_windows.shape[:2])
    pool_windows = np.lib.stride_tricks.sliding_window_view(feature_map, (2, 2))[::2, ::2]
    height, width = pool_windows.shape[:2]
    assert drawn.answer == height * width * v["c_out"]


@pytest.mark.parametrize("seed", SEEDS)
def test_attention_parameters_by_building_each_head(seed):
    drawn = generate("attention-parameter-count", seed)
    v = drawn.values
    d_model, heads, d_head = v["d_model"], v["heads"], v["d_head"]
    per_head = [
        (_weights(d_model, d_head), _weights(d_head))  # one projection of one head, with its bias slice
        for _ in range(heads)
        for _projection in ("query", "key", "value")
    ]
    output = (_weights(heads * d_head, d_model), _weights(d_model))
    assert drawn.answer == sum(_size(*pair) for pair in per_head) + _size(*output)


@pytest.mark.parametrize("seed", SEEDS)
def test_lstm_parameters_by_building_every_gate(seed):
    drawn = generate("stacked-lstm-parameters", seed)
    v = drawn.values
    hidden = v["hidden"]
    total = 0
    for layer in range(v["layers"]):
        x_in = v["input_size"] if layer == 0 else hidden
        for _gate in ("input", "forget", "cell", "output"):
            total += _size(_weights(hidden, x_in), _weights(hidden, hidden), _weights(hidden))
    assert drawn.answer == total


@pytest.mark.parametrize("layers", [1, 2, 3, 4])
def test_lstm_question_is_worded_for_its_layer_count(layers):
    question, problems = read_question(BANK_DIR / "deep-learning" / "stacked-lstm-parameters.yaml")
    assert question is not None, problems
    total = lstm_parameters(layers, 50, 64)
    values = {**lstm_values(layers, 50, 64), "answer": float(total)}
    prompt, answer = question.prompt.format(**values), question.answer.format(**values)
    text = " ".join(f"{prompt} {answer}".split())
    assert "(s)" not in text and "0 layer" not in text and "1 layers" not in text
    assert ("stacked" in prompt) == (layers > 1)
    assert ("single-layer" in prompt) == (layers == 1)
    assert f"**{total:,}**" in answer
    assert answer.count("x_in = 64)") == (layers > 1)


@pytest.mark.parametrize("seed", SEEDS)
def test_activation_memory_from_numpy_dtypes(seed):
    drawn = generate("activation-memory", seed)
    v = drawn.values
    shape = (v["batch"], v["channels"], v["size"], v["size"])
    one_tensor = np.dtype(v["dtype"]).itemsize * math.prod(shape)
    assert math.isclose(drawn.answer, one_tensor * v["layers"] / (1024 * 1024), rel_tol=1e-12)


def test_activation_memory_matches_a_real_array_on_a_small_shape():
    assert np.empty((2, 3, 4, 4), dtype="float16").nbytes == 2 * 3 * 4 * 4 * np.dtype("float16").itemsize


@pytest.mark.parametrize("seed", SEEDS)
def test_receptive_field_by_tracing_input_pixels(seed):
    drawn = generate("receptive-field", seed)
    spec = [(int(k), int(s)) for k, s in re.findall(r"(\d+)×\d+ conv, stride (\d+)", drawn.values["listing"])]
    assert len(spec) == drawn.values["depth"]
    # Unit i of a layer reads inputs i*s .. i*s + k - 1 of the layer below; walk back from one output unit.
    reached = {0}
    for k, stride in reversed(spec):
        reached = {i * stride + t for i in reached for t in range(k)}
    assert reached == set(range(len(reached)))
    assert drawn.answer == len(reached)
