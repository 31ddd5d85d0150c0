import numpy as np


def droite(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    a = np.mean((x - x.mean()) * (y - y.mean())) / np.mean((x - x.mean()) ** 2)
    b = y.mean() - a * x.mean()
    return (float(a), float(b))


# Erreur : la somme des carrés, sans diviser par le nombre de points.
def erreur_quadratique_moyenne(x, y, a, b):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.sum((y - (a * x + b)) ** 2))
