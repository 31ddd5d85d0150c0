import numpy as np


def droite(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    a = np.mean((x - x.mean()) * (y - y.mean())) / np.mean((x - x.mean()) ** 2)
    b = y.mean() - a * x.mean()
    return (float(a), float(b))


def erreur_quadratique_moyenne(x, y, a, b):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return float(np.mean((y - (a * x + b)) ** 2))
