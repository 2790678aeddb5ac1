"""Doubles the batch while it fits and stops there: the answer is only the last power of two that fits."""


def largest_fitting_batch(fits, max_batch):
    if not fits(1):
        return 0
    b = 1
    while 2 * b <= max_batch and fits(2 * b):
        b *= 2
    return b
