"""Mixes in PyTorch's convention (v = momentum * v + grad; w -= lr * v) with the opposite sign of v."""


def sgd_momentum_step(w, grad, velocity, lr, momentum):
    velocity_new = momentum * velocity + grad
    w_new = w - lr * velocity_new
    return w_new, velocity_new
