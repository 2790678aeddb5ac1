"""Drops the first neighbour as if it were the query point itself (slices [1:k+1] instead of [:k])."""

import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    distances = ((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2)
    nearest = np.argsort(distances, axis=1)[:, 1 : k + 1]
    return np.array([np.bincount(votes).argmax() for votes in y_train[nearest]])
