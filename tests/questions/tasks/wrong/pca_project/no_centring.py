"""Takes the SVD of X without subtracting the mean first."""

import numpy as np


def pca(X, k):
    _, _, Vt = np.linalg.svd(X, full_matrices=False)
    components = Vt[:k]
    return components, X @ components.T
