"""Divides the dot products by the squared norms instead of the norms."""

import numpy as np


def cosine_similarity(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    sq_a = np.maximum(np.sum(A**2, axis=1, keepdims=True), 1e-12)
    sq_b = np.maximum(np.sum(B**2, axis=1, keepdims=True), 1e-12)
    return (A @ B.T) / (sq_a * sq_b.T)
