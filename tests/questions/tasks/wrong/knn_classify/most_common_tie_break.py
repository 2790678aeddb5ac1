"""Votes with Counter.most_common, so a tied vote goes to the nearest neighbour's label, not the smallest."""

from collections import Counter

import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    predictions = []
    for x in X_test:
        distances = np.sqrt(((X_train - x) ** 2).sum(axis=1))
        nearest = np.argsort(distances)[:k]
        predictions.append(Counter(y_train[nearest].tolist()).most_common(1)[0][0])
    return np.array(predictions)
