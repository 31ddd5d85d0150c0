import numpy as np


def plus_proches(X, p, k):
    distances = np.sqrt(((X - p) ** 2).sum(axis=1))
    return np.argsort(distances)[:k]


# Erreur : avec >=, en cas d'égalité, c'est la dernière étiquette rencontrée qui gagne.
def vote_majoritaire(etiquettes):
    comptes = {}
    for e in etiquettes:
        comptes[e] = comptes.get(e, 0) + 1
    gagnante = None
    meilleur = 0
    for e in etiquettes:
        if comptes[e] >= meilleur:
            gagnante = e
            meilleur = comptes[e]
    return gagnante
