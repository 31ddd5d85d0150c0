import numpy as np


def distance(a, b):
    return 0.0


def distances(X, p):
    return np.zeros(len(X))
