import numpy as np
from collections import Counter


def plus_proches(X, p, k):
    distances = np.sqrt(((X - p) ** 2).sum(axis=1))
    # Quels indices trient les distances ? Garder les k premiers.
    return []


def vote_majoritaire(etiquettes):
    # Compter les étiquettes et renvoyer la plus fréquente.
    return None
