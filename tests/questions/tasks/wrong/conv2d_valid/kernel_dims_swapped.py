"""Uses the kernel's height for both window dimensions, which only works for square kernels."""

import numpy as np


def conv2d(image, kernel, stride=1):
    k = kernel.shape[0]
    oh = (image.shape[0] - k) // stride + 1
    ow = (image.shape[1] - k) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(image[i * stride : i * stride + k, j * stride : j * stride + k] * kernel)
    return out
