"""Counts the distinct ids seen so far, ignoring the window."""

import numpy as np


def distinct_in_window(ids, window):
    seen, out = set(), []
    for user in np.asarray(ids).tolist():
        seen.add(user)
        out.append(len(seen))
    return np.array(out)
