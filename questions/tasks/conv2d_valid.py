"""Single-channel 2-D cross-correlation with no padding ("valid") and a stride."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, close_to, within

FUNCTION = "conv2d"


def reference(image, kernel, stride: int = 1) -> np.ndarray:
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    (h, w), (kh, kw) = image.shape, kernel.shape
    out = np.empty(((h - kh) // stride + 1, (w - kw) // stride + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(image[r : r + kh, c : c + kw] * kernel)
    return out


def _correlates(image, kernel, stride: int = 1):
    expected = reference(image, kernel, stride)
    sizes = reference(np.abs(image), np.abs(kernel), stride)  # what each window adds up
    flipped = reference(image, kernel[::-1, ::-1], stride)
    (h, w), (kh, kw) = image.shape, kernel.shape
    formula = (
        f"((H - kh) // stride + 1, (W - kw) // stride + 1)"
        f" = (({h} - {kh}) // {stride} + 1, ({w} - {kw}) // {stride} + 1)"
    )

    def check(output) -> str | None:
        problem = close_to(output, expected, "out", scale=sizes)
        if problem is None:
            return None
        if " is off" not in problem:
            return f"{problem}; the valid output shape is {formula}" if "shape" in problem else problem
        if within(output, flipped, scale=sizes):
            return (
                f"{problem}: this is a true convolution (flipped kernel);"
                " deep-learning conv layers compute cross-correlation"
            )
        return problem

    return check


def _asymmetric_kernel(rng: np.random.Generator, kh: int, kw: int) -> np.ndarray:
    kernel = rng.normal(size=(kh, kw))
    kernel[0, 0] += 2.0  # never symmetric under a flip, so convolution and correlation differ
    return kernel


def cases(rng: np.random.Generator) -> list[Case]:
    h, w = (int(v) for v in rng.choice(np.arange(6, 12), size=2, replace=False))
    image = rng.normal(size=(h, w))
    kh, kw = (int(v) for v in rng.choice([2, 3, 4], size=2, replace=False))
    rect = _asymmetric_kernel(rng, kh, kw)
    square = _asymmetric_kernel(rng, 3, 3)

    odd_h, odd_w = (
        2 * int(rng.integers(4, 6)) + 1,
        2 * int(rng.integers(4, 6)),
    )  # one dimension leaves a remainder
    strided = rng.normal(size=(odd_h, odd_w))
    k2 = _asymmetric_kernel(rng, 3, 2)
    one = np.array([[float(rng.uniform(0.5, 3.0))]])
    return [
        Case(
            f"non-square image ({h}x{w}) and kernel ({kh}x{kw}), stride 1",
            "required",
            (image, rect),
            _correlates(image, rect),
        ),
        Case("3x3 kernel, stride 1", "required", (image, square), _correlates(image, square)),
        Case(
            "stride=1 passed explicitly on a second image",
            "required",
            (strided, k2, 1),
            _correlates(strided, k2, 1),
        ),
        Case(
            f"stride 2 on a {odd_h}x{odd_w} image: a window that does not fit is dropped",
            "required",
            (strided, square, 2),
            _correlates(strided, square, 2),
        ),
        Case(
            f"stride 3 with a {kh}x{kw} kernel",
            "required",
            (image, rect, 3),
            _correlates(image, rect, 3),
        ),
        Case(
            "a 1x1 kernel scales the image",
            "edge",
            (image, one),
            _correlates(image, one),
            followup="A 1x1 convolution just scales a single-channel image. Why are 1x1 convolutions still "
            "useful in networks with many channels? What is the output size with padding p, kernel k and "
            "stride s?",
        ),
    ]
