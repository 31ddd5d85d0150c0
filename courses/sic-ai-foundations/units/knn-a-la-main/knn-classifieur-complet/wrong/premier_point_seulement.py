import numpy as np
from collections import Counter


def predire_un(X_train, y_train, p, k):
    distances = np.sqrt(((X_train - p) ** 2).sum(axis=1))
    indices = np.argsort(distances)[:k]
    return Counter([y_train[i] for i in indices]).most_common(1)[0][0]


# Erreur : la boucle renvoie dès le premier point au lieu de construire la liste complète.
def predire(X_train, y_train, X_test, k):
    predictions = []
    for p in X_test:
        predictions.append(predire_un(X_train, y_train, p, k))
        return predictions
