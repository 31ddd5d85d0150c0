import numpy as np


def droite(x, y):
    a, b = np.polyfit(x, y, 1)
    return (float(a), float(b))


def erreur_quadratique_moyenne(x, y, a, b):
    total = 0.0
    for xi, yi in zip(x, y):
        total += (yi - (a * xi + b)) ** 2
    return total / len(x)
