import numpy as np


# Erreur : > au lieu de >= ; pile sur la frontière (z = 0), le perceptron répond 0.
def predire(w, b, x):
    z = np.dot(w, x) + b
    if z > 0:
        return 1
    return 0


def predire_tous(w, b, X):
    return [predire(w, b, x) for x in X]
