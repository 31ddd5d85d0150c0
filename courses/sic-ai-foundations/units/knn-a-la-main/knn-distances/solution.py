import numpy as np


def distance(a, b):
    return float(np.sqrt(np.sum((a - b) ** 2)))


def distances(X, p):
    return np.sqrt(((X - p) ** 2).sum(axis=1))
