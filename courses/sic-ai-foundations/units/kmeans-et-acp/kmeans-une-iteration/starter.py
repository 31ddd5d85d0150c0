import numpy as np


def assigner(X, centres):
    X = np.asarray(X, dtype=float)
    centres = np.asarray(centres, dtype=float)
    # distances de chaque point à chaque centre, puis le numéro du centre le plus proche
    return []


def recentrer(X, groupes, k):
    # la moyenne des points de chaque groupe 0, 1, ..., k - 1
    return []
