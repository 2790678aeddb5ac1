"""Takes the norms along axis 0, normalising features (columns) instead of rows."""

import numpy as np


def cosine_similarity(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    A = A / np.maximum(np.linalg.norm(A, axis=0, keepdims=True), 1e-12)
    B = B / np.maximum(np.linalg.norm(B, axis=0, keepdims=True), 1e-12)
    return A @ B.T
