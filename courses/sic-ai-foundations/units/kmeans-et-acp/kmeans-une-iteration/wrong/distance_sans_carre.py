import numpy as np


def assigner(X, centres):
    X = np.asarray(X, dtype=float)
    centres = np.asarray(centres, dtype=float)
    # Erreur : somme des écarts sans valeur absolue ni carré (les signes se compensent).
    distances = (X[:, None, :] - centres[None, :, :]).sum(axis=2)
    return distances.argmin(axis=1).tolist()


def recentrer(X, groupes, k):
    X = np.asarray(X, dtype=float)
    groupes = np.asarray(groupes)
    return [X[groupes == j].mean(axis=0).tolist() for j in range(k)]
