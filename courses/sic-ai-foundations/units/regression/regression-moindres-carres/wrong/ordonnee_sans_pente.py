import numpy as np


# Erreur : b est la moyenne de y, sans retirer a * moyenne(x).
def droite(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    a = np.mean((x - x.mean()) * (y - y.mean())) / np.mean((x - x.mean()) ** 2)
    b = y.mean()
    return (float(a), float(b))


def erreur_quadratique_moyenne(x, y, a, b):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.mean((y - (a * x + b)) ** 2))
