import numpy as np
from collections import Counter


def plus_proches(X, p, k):
    distances = np.sqrt(((X - p) ** 2).sum(axis=1))
    return []


def vote_majoritaire(etiquettes):
    return None
