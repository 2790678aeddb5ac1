"""One SGD-with-momentum step: v <- momentum * v - lr * grad, then w <- w + v."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, close_to

FUNCTION = "sgd_momentum_step"


def reference(w, grad, velocity, lr: float, momentum: float) -> tuple[np.ndarray, np.ndarray]:
    w, grad, velocity = (np.asarray(a, dtype=float) for a in (w, grad, velocity))
    velocity_new = momentum * velocity - lr * grad
    return w + velocity_new, velocity_new


def _steps(w, grad, velocity, lr: float, momentum: float):
    w_new, v_new = reference(w, grad, velocity, lr, momentum)
    w_old_velocity = np.asarray(w, dtype=float) + velocity
    v_sizes = np.abs(momentum * np.asarray(velocity, dtype=float)) + np.abs(
        lr * np.asarray(grad, dtype=float)
    )
    w_sizes = np.abs(np.asarray(w, dtype=float)) + v_sizes

    def check(output) -> str | None:
        if not isinstance(output, tuple | list) or len(output) != 2:
            return "return a tuple (w_new, velocity_new)"
        problem = close_to(output[1], v_new, "velocity_new", scale=v_sizes)
        if problem:
            if " is off" in problem and np.allclose(np.asarray(output[1], dtype=float), -v_new):
                return f"{problem}: the sign is flipped; this task uses v = momentum * v - lr * grad"
            return problem
        problem = close_to(output[0], w_new, "w_new", scale=w_sizes)
        if (
            problem
            and " is off" in problem
            and np.allclose(np.asarray(output[0], dtype=float), w_old_velocity)
        ):
            return f"{problem}: update the velocity first, then move w by the NEW velocity"
        return problem

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    shape = (int(rng.integers(3, 6)), int(rng.integers(2, 5)))
    w, grad, velocity = (rng.normal(size=shape) for _ in range(3))
    lr = float(rng.choice([0.01, 0.05, 0.1, 0.2]))
    momentum = float(rng.choice([0.8, 0.9, 0.95]))

    n = int(rng.integers(4, 9))
    w1, g1, v1 = rng.normal(size=n), rng.normal(size=n), rng.normal(scale=0.5, size=n)
    lr1 = float(rng.choice([0.3, 0.5]))
    mu1 = float(rng.choice([0.5, 0.7]))

    zeros = np.zeros(n)
    return [
        Case(
            f"a 2-D weight matrix, lr = {lr}, momentum = {momentum}",
            "required",
            (w, grad, velocity, lr, momentum),
            _steps(w, grad, velocity, lr, momentum),
        ),
        Case(
            f"a 1-D vector, lr = {lr1}, momentum = {mu1}",
            "required",
            (w1, g1, v1, lr1, mu1),
            _steps(w1, g1, v1, lr1, mu1),
        ),
        Case(
            "first step from zero velocity",
            "required",
            (w1, g1, zeros, lr1, mu1),
            _steps(w1, g1, zeros, lr1, mu1),
        ),
        Case(
            "momentum = 0 is plain SGD: w - lr * grad",
            "edge",
            (w, grad, velocity, lr, 0.0),
            _steps(w, grad, velocity, lr, 0.0),
            followup="With momentum 0.9 and a constant gradient, what step size does the velocity converge "
            "to, and why does that matter when you tune the learning rate?",
        ),
        Case(
            "a zero gradient keeps coasting on the velocity",
            "edge",
            (w1, zeros, v1, lr1, mu1),
            _steps(w1, zeros, v1, lr1, mu1),
            followup="How does Nesterov momentum differ from this update, and why can it overshoot less?",
        ),
    ]
