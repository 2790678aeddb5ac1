"""One Adam update with bias correction; t is the 1-based number of this step."""

from __future__ import annotations

import numpy as np

from questions.tasks._kit import Case, close_to

FUNCTION = "adam_step"
W_ATOL = 1e-6
"""Where eps goes (added to sqrt(v_hat), or to sqrt(v) before the bias correction) moves w by ~1e-7."""


def reference(w, grad, m, v, t: int, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    w, grad, m, v = (np.asarray(a, dtype=float) for a in (w, grad, m, v))
    m_new = beta1 * m + (1 - beta1) * grad
    v_new = beta2 * v + (1 - beta2) * grad**2
    m_hat = m_new / (1 - beta1**t)
    v_hat = v_new / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m_new, v_new


def _steps(args: tuple):
    w_new, m_new, v_new = reference(*args)
    w, t, hyper = args[0], args[4], args[5:]
    lr, beta1, beta2, eps = hyper + (1e-3, 0.9, 0.999, 1e-8)[len(hyper) :]
    m_hat, v_hat = m_new / (1 - beta1**t), v_new / (1 - beta2**t)
    uncorrected = w - lr * m_new / (np.sqrt(v_new) + eps)
    grad, m, v = (np.abs(np.asarray(a, dtype=float)) for a in args[1:4])
    sizes = {
        "m_new": beta1 * m + (1 - beta1) * grad,
        "v_new": beta2 * v + (1 - beta2) * grad**2,
        "w_new": np.abs(w) + lr * np.abs(m_hat) / (np.sqrt(v_hat) + eps),
    }

    def check(output) -> str | None:
        if not isinstance(output, tuple | list) or len(output) != 3:
            return "return a tuple (w_new, m_new, v_new)"
        for value, expected, name, corrected in (
            (output[1], m_new, "m_new", m_hat),
            (output[2], v_new, "v_new", v_hat),
        ):
            problem = close_to(value, expected, name, scale=sizes[name])
            if problem and " is off" in problem and np.allclose(np.asarray(value, dtype=float), corrected):
                return (
                    f"{problem}: return the raw moving average;"
                    " the bias-corrected value is only used for the step"
                )
            if problem:
                return problem
        problem = close_to(output[0], w_new, "w_new", atol=W_ATOL, scale=sizes["w_new"])
        if problem and " is off" in problem and np.allclose(np.asarray(output[0], dtype=float), uncorrected):
            return f"{problem}: divide m_new by (1 - beta1**t) and v_new by (1 - beta2**t) before the step"
        return problem

    return check


def cases(rng: np.random.Generator) -> list[Case]:
    shape = (int(rng.integers(3, 6)), int(rng.integers(2, 5)))
    w, grad = rng.normal(size=shape), rng.normal(size=shape)
    m = rng.normal(scale=0.1, size=shape)
    v = rng.uniform(0.01, 0.5, size=shape)
    t = int(rng.integers(2, 40))
    defaults = (w, grad, m, v, t)

    n = int(rng.integers(4, 9))
    w1, g1 = rng.normal(size=n), rng.normal(size=n)
    m1, v1 = rng.normal(scale=0.2, size=n), rng.uniform(0.05, 1.0, size=n)
    t1 = int(rng.integers(100, 500))
    custom = (w1, g1, m1, v1, t1, 0.01, 0.8, 0.99, 1e-7)

    zeros = np.zeros(n)
    g_first = rng.choice([-1.0, 1.0], size=n) * rng.uniform(0.3, 2.0, size=n)  # |g| >> sqrt(eps)
    first = (w1, g_first, zeros, zeros, 1, 0.1)
    still = (w1, zeros, zeros, zeros, 1)
    return [
        Case(f"default hyperparameters, step t = {t}", "required", defaults, _steps(defaults)),
        Case(
            f"custom lr, betas and eps, step t = {t1}",
            "required",
            custom,
            _steps(custom),
        ),
        Case(
            "t = 2 with nonzero moments: the bias correction is large",
            "required",
            (w1, g1, m1, v1, 2),
            _steps((w1, g1, m1, v1, 2)),
        ),
        Case(
            "the first step (t = 1) from zero moments: bias correction makes the step about lr * sign(grad)",
            "edge",
            first,
            _steps(first),
            followup="Without bias correction, how large is Adam's first step relative to lr, and why?",
        ),
        Case(
            "a zero gradient from zero moments: no step, no NaN",
            "edge",
            still,
            _steps(still),
            forbid_warnings=True,
            followup="What does eps protect against, and why does its placement (inside or outside the sqrt) "
            "barely matter?",
        ),
    ]
