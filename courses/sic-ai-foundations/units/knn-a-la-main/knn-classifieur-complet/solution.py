import numpy as np
from collections import Counter


def predire_un(X_train, y_train, p, k):
    distances = np.sqrt(((X_train - p) ** 2).sum(axis=1))
    indices = np.argsort(distances, kind="stable")[:k]
    voisins = [y_train[i] for i in indices]
    return Counter(voisins).most_common(1)[0][0]


def predire(X_train, y_train, X_test, k):
    return [predire_un(X_train, y_train, p, k) for p in X_test]
