# Juste : un dictionnaire de votes, parcouru dans l'ordre des voisins pour les égalités.
import numpy as np


def plus_proches(X, p, k):
    distances = np.linalg.norm(X - p, axis=1)
    return np.argsort(distances, kind="stable")[:k]


def vote_majoritaire(etiquettes):
    votes = {}
    for e in etiquettes:
        votes[e] = votes.get(e, 0) + 1
    meilleure = etiquettes[0]
    for e in etiquettes:
        if votes[e] > votes[meilleure]:
            meilleure = e
    return meilleure
