"""Independent computations of static numeric answers in ml-coding: question id -> the exact value."""

from __future__ import annotations

import numpy as np

EXPECTED = {
    # nbytes of a (60000, 60000) float64 array, from a zero-stride view (nothing is allocated), in GB
    "distance-matrix-memory": lambda: (
        np.broadcast_to(np.zeros((), dtype=np.float64), (60_000, 60_000)).nbytes / 10**9
    ),
}
