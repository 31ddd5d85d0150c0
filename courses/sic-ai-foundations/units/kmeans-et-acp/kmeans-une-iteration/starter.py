import numpy as np


def assigner(X, centres):
    X = np.asarray(X, dtype=float)
    centres = np.asarray(centres, dtype=float)
    return []


def recentrer(X, groupes, k):
    return []
