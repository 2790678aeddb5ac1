"""Removes event i - window - 1 instead of i - window, so each window holds window + 1 events."""

import numpy as np


def distinct_in_window(ids, window):
    ids = np.asarray(ids).tolist()
    counts, out = {}, []
    for i, user in enumerate(ids):
        counts[user] = counts.get(user, 0) + 1
        if i > window:
            leaving = ids[i - window - 1]
            counts[leaving] -= 1
            if counts[leaving] == 0:
                del counts[leaving]
        out.append(len(counts))
    return np.array(out)
