import numpy as np
from collections import Counter


# Erreur : np.sort renvoie les distances triées, pas les indices des exemples.
def plus_proches(X, p, k):
    distances = np.sqrt(((X - p) ** 2).sum(axis=1))
    return np.sort(distances)[:k]


def vote_majoritaire(etiquettes):
    return Counter(etiquettes).most_common(1)[0][0]
