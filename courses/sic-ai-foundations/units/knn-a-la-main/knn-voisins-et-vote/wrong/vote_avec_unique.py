import numpy as np


def plus_proches(X, p, k):
    distances = np.sqrt(((X - p) ** 2).sum(axis=1))
    return np.argsort(distances)[:k]


# Erreur : np.unique trie les étiquettes, donc en cas d'égalité c'est la plus petite
# (ordre alphabétique) qui gagne, et non celle du voisin le plus proche.
def vote_majoritaire(etiquettes):
    valeurs, effectifs = np.unique(etiquettes, return_counts=True)
    return valeurs[np.argmax(effectifs)]
