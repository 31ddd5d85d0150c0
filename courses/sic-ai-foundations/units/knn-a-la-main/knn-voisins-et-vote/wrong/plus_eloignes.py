import numpy as np
from collections import Counter


# Erreur : prend la fin du tri, c'est-à-dire les plus éloignés.
def plus_proches(X, p, k):
    distances = np.sqrt(((X - p) ** 2).sum(axis=1))
    return np.argsort(distances)[-k:]


def vote_majoritaire(etiquettes):
    return Counter(etiquettes).most_common(1)[0][0]
