"""Searches for the first batch that fails and returns it, one more than the largest that fits."""


def largest_fitting_batch(fits, max_batch):
    lo, hi = 1, max_batch + 1
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(mid):
            lo = mid + 1
        else:
            hi = mid
    return lo
