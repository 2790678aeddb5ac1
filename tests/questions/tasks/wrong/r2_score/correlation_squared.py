"""Returns the squared Pearson correlation, which equals R² only for a least-squares fit with an intercept."""

import numpy as np


def r2_score(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    if np.all(y_true == y_true[0]):
        return 1.0 if np.array_equal(y_true, y_pred) else 0.0
    return float(np.corrcoef(y_true, y_pred)[0, 1] ** 2)
