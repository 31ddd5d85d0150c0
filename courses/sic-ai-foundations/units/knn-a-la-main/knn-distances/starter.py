import numpy as np


def distance(a, b):
    # racine carrée de la somme des carrés des écarts
    return 0.0


def distances(X, p):
    # une distance par ligne de X : attention à l'axe de la somme
    return np.zeros(len(X))
