"""Adds the gradient to the velocity, so the step climbs the loss."""


def sgd_momentum_step(w, grad, velocity, lr, momentum):
    velocity_new = momentum * velocity + lr * grad
    return w + velocity_new, velocity_new
