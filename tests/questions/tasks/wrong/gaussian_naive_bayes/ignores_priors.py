"""Compares likelihoods only, dropping the log prior of each class."""

import numpy as np


def gaussian_nb_predict(X_train, y_train, X_test):
    classes = np.unique(y_train)
    eps = 1e-9 * X_train.var(axis=0).max()
    scores = []
    for c in classes:
        Xc = X_train[y_train == c]
        mu, var = Xc.mean(axis=0), Xc.var(axis=0) + eps
        scores.append(-0.5 * np.sum(np.log(2 * np.pi * var) + (X_test - mu) ** 2 / var, axis=1))
    return classes[np.argmax(scores, axis=0)]
