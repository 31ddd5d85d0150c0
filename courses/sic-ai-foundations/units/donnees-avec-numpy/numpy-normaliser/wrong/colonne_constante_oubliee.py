import numpy as np


# Erreur : pas de traitement des colonnes constantes (division par zéro -> nan).
def normaliser_min_max(X):
    X = np.asarray(X, dtype=float)
    mini = X.min(axis=0)
    return (X - mini) / (X.max(axis=0) - mini)


def standardiser(X):
    X = np.asarray(X, dtype=float)
    return (X - X.mean(axis=0)) / X.std(axis=0)
