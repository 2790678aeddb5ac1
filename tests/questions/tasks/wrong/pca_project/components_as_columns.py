"""Returns the eigenvectors as columns, shape (d, k), instead of one component per row."""

import numpy as np


def pca(X, k):
    Xc = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(Xc.T @ Xc / len(X))
    top = vectors[:, np.argsort(values)[::-1][:k]]
    return top, Xc @ top
