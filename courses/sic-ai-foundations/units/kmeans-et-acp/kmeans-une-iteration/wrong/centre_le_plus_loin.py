import numpy as np


def assigner(X, centres):
    X = np.asarray(X, dtype=float)
    centres = np.asarray(centres, dtype=float)
    distances = np.sqrt(((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2))
    # Erreur : argmax donne le centre le plus ÉLOIGNÉ.
    return distances.argmax(axis=1).tolist()


def recentrer(X, groupes, k):
    X = np.asarray(X, dtype=float)
    groupes = np.asarray(groupes)
    return [X[groupes == j].mean(axis=0).tolist() for j in range(k)]
