import numpy as np


def sigmoide(z):
    return z


def propagation(x, W1, b1, W2, b2):
    h = x
    return 0.0
