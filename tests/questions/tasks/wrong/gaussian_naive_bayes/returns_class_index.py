"""Returns the argmax position of the class instead of the class label itself."""

import numpy as np


def gaussian_nb_predict(X_train, y_train, X_test):
    classes = np.unique(y_train)
    eps = 1e-9 * X_train.var(axis=0).max()
    scores = []
    for c in classes:
        Xc = X_train[y_train == c]
        mu, var = Xc.mean(axis=0), Xc.var(axis=0) + eps
        log_prior = np.log(len(Xc) / len(y_train))
        scores.append(log_prior - 0.5 * np.sum(np.log(2 * np.pi * var) + (X_test - mu) ** 2 / var, axis=1))
    return np.argmax(scores, axis=0)
