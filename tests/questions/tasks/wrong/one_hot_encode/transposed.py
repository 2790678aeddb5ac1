"""Returns the (n_classes, n) transpose: one column per label instead of one row."""

import numpy as np


def one_hot(labels, n_classes):
    labels = np.asarray(labels, dtype=int)
    out = np.zeros((n_classes, len(labels)))
    out[labels, np.arange(len(labels))] = 1.0
    return out
