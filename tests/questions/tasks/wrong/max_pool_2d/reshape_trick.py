"""Uses the reshape trick, which only works for non-overlapping windows (size == stride)."""


def max_pool2d(x, size, stride):
    h, w = x.shape
    oh, ow = h // size, w // size
    return x[: oh * size, : ow * size].reshape(oh, size, ow, size).max(axis=(1, 3))
