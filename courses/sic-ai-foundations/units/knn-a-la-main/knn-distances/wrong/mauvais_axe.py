import numpy as np


def distance(a, b):
    return float(np.sqrt(np.sum((a - b) ** 2)))


# Erreur : somme sur axis=0 (une valeur par caractéristique au lieu d'une par exemple).
def distances(X, p):
    return np.sqrt(((X - p) ** 2).sum(axis=0))
