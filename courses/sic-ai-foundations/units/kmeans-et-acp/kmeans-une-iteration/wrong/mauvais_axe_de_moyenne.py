import numpy as np


def assigner(X, centres):
    X = np.asarray(X, dtype=float)
    centres = np.asarray(centres, dtype=float)
    distances = np.sqrt(((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2))
    return distances.argmin(axis=1).tolist()


def recentrer(X, groupes, k):
    X = np.asarray(X, dtype=float)
    groupes = np.asarray(groupes)
    # Erreur : moyenne sur le mauvais axe (par point au lieu de par coordonnée).
    return [X[groupes == j].mean(axis=1).tolist() for j in range(k)]
