import numpy as np


# Erreur : statistiques calculées sur tout le tableau au lieu de chaque colonne.
def normaliser_min_max(X):
    X = np.asarray(X, dtype=float)
    etendue = X.max() - X.min()
    if etendue == 0:
        etendue = 1.0
    return (X - X.min()) / etendue


def standardiser(X):
    X = np.asarray(X, dtype=float)
    ecart = X.std()
    if ecart == 0:
        ecart = 1.0
    return (X - X.mean()) / ecart
