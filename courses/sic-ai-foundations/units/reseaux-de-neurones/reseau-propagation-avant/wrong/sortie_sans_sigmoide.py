import numpy as np


def sigmoide(z):
    return 1 / (1 + np.exp(-z))


# Erreur : le neurone de sortie renvoie sa somme pondérée, sans activation.
def propagation(x, W1, b1, W2, b2):
    h = sigmoide(W1 @ x + b1)
    return float(W2 @ h + b2)
