"""Keeps partial windows at the border (ceil mode), so the output has an extra row or column."""

import math

import numpy as np


def max_pool2d(x, size, stride):
    h, w = x.shape
    oh, ow = math.ceil((h - size) / stride) + 1, math.ceil((w - size) / stride) + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = x[i * stride : i * stride + size, j * stride : j * stride + size].max()
    return out
