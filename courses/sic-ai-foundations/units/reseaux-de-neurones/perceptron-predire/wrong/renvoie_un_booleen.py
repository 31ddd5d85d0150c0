import numpy as np


# Erreur : renvoie un booléen (True / False) au lieu de l'entier 1 ou 0.
def predire(w, b, x):
    return np.dot(w, x) + b >= 0


def predire_tous(w, b, X):
    return [predire(w, b, x) for x in X]
