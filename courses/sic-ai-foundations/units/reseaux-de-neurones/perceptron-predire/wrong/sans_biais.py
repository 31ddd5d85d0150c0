import numpy as np


# Erreur : le biais est oublié, la frontière passe toujours par l'origine.
def predire(w, b, x):
    z = np.dot(w, x)
    if z >= 0:
        return 1
    return 0


def predire_tous(w, b, X):
    return [predire(w, b, x) for x in X]
