import numpy as np


def normaliser_min_max(X):
    X = np.asarray(X, dtype=float)
    mini = X.min(axis=0)
    etendue = X.max(axis=0) - mini
    etendue[etendue == 0] = 1.0
    return (X - mini) / etendue


def standardiser(X):
    X = np.asarray(X, dtype=float)
    ecarts = X.std(axis=0)
    ecarts[ecarts == 0] = 1.0
    return (X - X.mean(axis=0)) / ecarts
