"""Divides by the variance instead of the standard deviation (forgets the square root)."""


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    return gamma * (x - mean) / (var + eps) + beta
