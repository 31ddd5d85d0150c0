import numpy as np


# Erreur : le paramètre k est ignoré, on prend toujours le plus proche voisin.
def predire_un(X_train, y_train, p, k):
    distances = np.sqrt(((X_train - p) ** 2).sum(axis=1))
    return y_train[int(np.argmin(distances))]


def predire(X_train, y_train, X_test, k):
    return [predire_un(X_train, y_train, p, k) for p in X_test]
