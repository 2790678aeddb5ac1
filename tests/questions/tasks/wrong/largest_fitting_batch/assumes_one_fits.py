"""Starts from lo = 1 as if batch size 1 always fitted, so it never returns 0."""


def largest_fitting_batch(fits, max_batch):
    lo, hi = 1, max_batch
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo
