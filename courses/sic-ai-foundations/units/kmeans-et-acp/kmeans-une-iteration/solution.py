import numpy as np


def assigner(X, centres):
    X, centres = np.asarray(X, dtype=float), np.asarray(centres, dtype=float)
    distances = np.sqrt(((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2))
    return distances.argmin(axis=1).tolist()


def recentrer(X, groupes, k):
    X, groupes = np.asarray(X, dtype=float), np.asarray(groupes)
    return [X[groupes == j].mean(axis=0).tolist() for j in range(k)]
