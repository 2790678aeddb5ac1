"""Reports only the complete windows, so the result has n - window + 1 entries instead of n."""

import numpy as np


def distinct_in_window(ids, window):
    ids = np.asarray(ids).tolist()
    counts, out = {}, []
    for i, user in enumerate(ids):
        counts[user] = counts.get(user, 0) + 1
        if i >= window:
            leaving = ids[i - window]
            counts[leaving] -= 1
            if counts[leaving] == 0:
                del counts[leaving]
        if i >= window - 1:
            out.append(len(counts))
    return np.array(out)
