import numpy as np


def predire(w, b, x):
    z = np.dot(w, x) + b
    if z >= 0:
        return 1
    return 0


def predire_tous(w, b, X):
    return [predire(w, b, x) for x in X]
