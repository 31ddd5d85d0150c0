import numpy as np


# Erreur : somme des écarts absolus (distance « de Manhattan »), pas la distance euclidienne.
def distance(a, b):
    return float(np.sum(np.abs(a - b)))


def distances(X, p):
    return np.abs(X - p).sum(axis=1)
