import numpy as np


def sigmoide(z):
    return 1 / (1 + np.exp(-z))


# Erreur : x @ W1 prend les COLONNES de W1 comme poids des neurones cachés.
def propagation(x, W1, b1, W2, b2):
    h = sigmoide(x @ W1 + b1)
    return float(sigmoide(W2 @ h + b2))
