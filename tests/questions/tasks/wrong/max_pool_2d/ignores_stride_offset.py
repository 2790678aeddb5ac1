"""Starts window i at row i instead of row i * stride."""

import numpy as np


def max_pool2d(x, size, stride):
    h, w = x.shape
    oh, ow = (h - size) // stride + 1, (w - size) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = x[i : i + size, j : j + size].max()
    return out
