import numpy as np


def normaliser_min_max(X):
    mini = X.min(axis=0)
    etendue = X.max(axis=0) - mini
    etendue[etendue == 0] = 1
    return (X - mini) / etendue


# Erreur : modifie le tableau reçu sur place.
def standardiser(X):
    ecarts = X.std(axis=0)
    ecarts[ecarts == 0] = 1.0
    X -= X.mean(axis=0)
    X /= ecarts
    return X
