import numpy as np


def predire(w, b, x):
    z = np.dot(w, x) + b
    if z >= 0:
        return 1
    return 0


# Erreur : parcourt les colonnes de X (X.T) au lieu de ses lignes (les exemples).
def predire_tous(w, b, X):
    return [predire(w, b, colonne) for colonne in np.array(X).T]
