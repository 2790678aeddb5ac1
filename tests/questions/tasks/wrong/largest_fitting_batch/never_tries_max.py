"""Searches 1..max_batch - 1, so when everything fits it returns max_batch - 1."""


def largest_fitting_batch(fits, max_batch):
    lo, hi = 0, max_batch - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo
