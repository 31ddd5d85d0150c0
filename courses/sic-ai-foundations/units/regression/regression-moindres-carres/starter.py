import numpy as np


def droite(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    # a = covariance(x, y) / variance(x) ; b = moyenne(y) - a * moyenne(x)
    return (0.0, 0.0)


def erreur_quadratique_moyenne(x, y, a, b):
    # moyenne des carrés des écarts entre y et a * x + b
    return 0.0
