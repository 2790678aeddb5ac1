"""Casts to float32 (exact below 2^24), sorts with lexsort, sweeps in Python, returns float32."""

import numpy as np


def merge_intervals(intervals):
    rows = np.asarray(intervals, dtype=np.float32).reshape(-1, 2)
    rows = rows[np.lexsort((rows[:, 1], rows[:, 0]))]
    out = []
    current_start, current_end = None, None
    for start, end in rows:
        if current_end is not None and start <= current_end:
            current_end = max(current_end, end)
            continue
        if current_end is not None:
            out.append((current_start, current_end))
        current_start, current_end = start, end
    if current_end is not None:
        out.append((current_start, current_end))
    return np.array(out, dtype=np.float32).reshape(-1, 2)
