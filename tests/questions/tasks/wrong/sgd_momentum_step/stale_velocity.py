"""Moves w with the OLD velocity and only then updates the velocity."""


def sgd_momentum_step(w, grad, velocity, lr, momentum):
    w_new = w + velocity
    velocity_new = momentum * velocity - lr * grad
    return w_new, velocity_new
