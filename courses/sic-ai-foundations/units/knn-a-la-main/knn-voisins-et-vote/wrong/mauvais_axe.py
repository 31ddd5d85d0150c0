# Erreur : la somme se fait sur le mauvais axe (axis=0 : par caractéristique, pas par exemple).
import numpy as np
from collections import Counter


def plus_proches(X, p, k):
    distances = np.sqrt(((X - p) ** 2).sum(axis=0))
    return np.argsort(distances, kind="stable")[:k]


def vote_majoritaire(etiquettes):
    return Counter(etiquettes).most_common(1)[0][0]
