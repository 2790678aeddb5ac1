"""Takes the first k eigenvectors from eigh, which sorts eigenvalues in ascending order."""

import numpy as np


def pca(X, k):
    Xc = X - X.mean(axis=0)
    _, vectors = np.linalg.eigh(np.cov(Xc, rowvar=False))
    components = vectors[:, :k].T
    return components, Xc @ components.T
