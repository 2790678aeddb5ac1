"""Tries every batch size from 1 upwards: correct, but it calls fits up to max_batch times."""


def largest_fitting_batch(fits, max_batch):
    for b in range(1, max_batch + 1):
        if not fits(b):
            return b - 1
    return max_batch
