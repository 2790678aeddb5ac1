"""Arrays cross the sandbox boundary as raw little-endian bytes; untrusted ones are checked first."""

from __future__ import annotations

import numpy as np
import pytest

from bot.checks._schema import UnsafeOutput, decode_output
from bot.sandbox._harness import decode, encode

ARRAYS = [
    np.arange(12, dtype=np.int64).reshape(3, 4),
    np.linspace(-1, 1, 7, dtype=np.float32),
    np.array([[True, False], [False, True]]),
    np.array([-3, 0, 250], dtype=np.int16),
    np.array([1, 65535], dtype=np.uint16),
    np.zeros((0, 5)),
    np.array(2.5),
    np.arange(6, dtype=">f8").reshape(2, 3),
    np.asfortranarray(np.arange(6.0).reshape(2, 3)),
    np.array([np.inf, -np.inf, np.nan]),
]


@pytest.mark.parametrize("array", ARRAYS, ids=lambda a: f"{a.dtype.str}{a.shape}")
def test_arrays_round_trip_exactly(array):
    back = decode_output(encode(array))
    assert back.shape == array.shape and back.dtype == array.dtype.newbyteorder("=")
    np.testing.assert_array_equal(back, array)


@pytest.mark.parametrize("scalar", [np.float16(0.1), np.float32(1 / 3), np.float64(2 / 3), np.int32(-7)])
def test_numpy_scalars_keep_their_dtype_so_tolerances_can_follow_it(scalar):
    back = decode_output(encode(scalar))
    assert back.dtype == scalar.dtype and back == scalar


def test_decoded_inputs_are_writable_native_copies():
    value = decode(encode(np.arange(4, dtype=">i4")))
    value += 1
    assert value.dtype.isnative and value.tolist() == [1, 2, 3, 4]


def test_nested_values_keep_their_shape():
    value = {"labels": np.array([0, 1]), "pair": (1.5, [np.float64(2.0), None])}
    back = decode_output(encode(value))
    assert back["pair"][0] == 1.5 and back["pair"][1][1] is None
    np.testing.assert_array_equal(back["labels"], [0, 1])


def test_stray_bytes_in_a_bool_array_read_as_true():
    forged = {"__ndarray__": "AAL/", "dtype": "|b1", "shape": [3]}
    assert decode_output(forged).tolist() == [False, True, True]


@pytest.mark.parametrize(
    ("forged", "reason"),
    [
        ({"__ndarray__": "AAAAAAAAAAA=", "dtype": "|O", "shape": [1]}, "not numeric"),
        ({"__ndarray__": "AAAAAAAAAAA=", "dtype": "<f8", "shape": [2]}, "does not match"),
        ({"__ndarray__": "AAAAAAAAAAA=", "dtype": "<f8", "shape": [-1]}, "list of sizes"),
        ({"__ndarray__": "AAAAAAAAAAA=", "dtype": "<f8", "shape": "1"}, "list of sizes"),
        ({"__ndarray__": [0.0], "dtype": "<f8", "shape": [1]}, "does not match"),
        ({"__ndarray__": "", "dtype": "V8", "shape": [0]}, "not numeric"),
    ],
)
def test_malformed_arrays_are_refused(forged, reason):
    with pytest.raises(UnsafeOutput, match=reason):
        decode_output(forged)


def test_bad_base64_of_the_right_length_is_an_error_not_a_value():
    with pytest.raises(ValueError):
        decode_output({"__ndarray__": "!!!!!!!!!!!!", "dtype": "<f8", "shape": [1]})
