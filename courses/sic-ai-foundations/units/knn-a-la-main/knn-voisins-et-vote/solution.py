import numpy as np
from collections import Counter


def plus_proches(X, p, k):
    distances = np.sqrt(((X - p) ** 2).sum(axis=1))
    return np.argsort(distances, kind="stable")[:k]


def vote_majoritaire(etiquettes):
    # most_common garde l'étiquette rencontrée en premier en cas d'égalité.
    return Counter(etiquettes).most_common(1)[0][0]
