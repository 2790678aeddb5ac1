"""Decrements the leaving id but never deletes it at zero, so len(counts) keeps ids that left the window."""

import numpy as np


def distinct_in_window(ids, window):
    ids = np.asarray(ids).tolist()
    counts, out = {}, []
    for i, user in enumerate(ids):
        counts[user] = counts.get(user, 0) + 1
        if i >= window:
            counts[ids[i - window]] -= 1
        out.append(len(counts))
    return np.array(out)
