import numpy as np


def sigmoide(z):
    return 1 / (1 + np.exp(-z))


def propagation(x, W1, b1, W2, b2):
    h = sigmoide(W1 @ x + b1)
    return float(sigmoide(W2 @ h + b2))
