"""Returns softmax / n as the gradient, forgetting to subtract the one-hot labels."""

import numpy as np


def softmax_cross_entropy(logits, labels):
    z = logits - logits.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    n = logits.shape[0]
    loss = -np.mean(log_probs[np.arange(n), labels])
    return loss, np.exp(log_probs) / n
