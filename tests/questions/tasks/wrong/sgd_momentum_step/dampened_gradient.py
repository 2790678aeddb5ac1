"""Scales the gradient by (1 - momentum) as in an exponential moving average."""


def sgd_momentum_step(w, grad, velocity, lr, momentum):
    velocity_new = momentum * velocity - (1 - momentum) * lr * grad
    return w + velocity_new, velocity_new
