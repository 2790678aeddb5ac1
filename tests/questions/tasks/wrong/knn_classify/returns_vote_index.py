"""Returns the position of the winning count in np.unique's output instead of the label itself."""

import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    distances = ((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2)
    nearest = np.argsort(distances, axis=1)[:, :k]
    predictions = []
    for votes in y_train[nearest]:
        _, counts = np.unique(votes, return_counts=True)
        predictions.append(np.argmax(counts))
    return np.array(predictions)
