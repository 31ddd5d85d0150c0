import numpy as np


# Erreur : oubli de la racine carrée (on obtient le carré de la distance).
def distance(a, b):
    return float(np.sum((a - b) ** 2))


def distances(X, p):
    return ((X - p) ** 2).sum(axis=1)
