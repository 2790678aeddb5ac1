"""Reduces over axis 1 without keepdims, so the (n,) statistics broadcast along the wrong axis."""

import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=1)
    var = x.var(axis=1)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta
