import numpy as np


# Erreur : renvoie la somme pondérée au lieu de passer par l'activation.
def predire(w, b, x):
    return np.dot(w, x) + b


def predire_tous(w, b, X):
    return [predire(w, b, x) for x in X]
