import numpy as np
from collections import Counter


# Erreur : la « distance » ne regarde que la première caractéristique.
def predire_un(X_train, y_train, p, k):
    distances = np.abs(X_train[:, 0] - p[0])
    indices = np.argsort(distances)[:k]
    return Counter([y_train[i] for i in indices]).most_common(1)[0][0]


def predire(X_train, y_train, X_test, k):
    return [predire_un(X_train, y_train, p, k) for p in X_test]
