import numpy as np


def une_epoque(w, b, X, y, taux):
    erreurs = 0
    for x, cible in zip(X, y):
        pass
    return [float(v) for v in w], float(b), erreurs
