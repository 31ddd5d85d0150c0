import numpy as np


def droite(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    a = np.mean((x - x.mean()) * (y - y.mean())) / np.mean((x - x.mean()) ** 2)
    b = y.mean() - a * x.mean()
    return (float(a), float(b))


# Erreur : la moyenne des écarts absolus, pas des carrés.
def erreur_quadratique_moyenne(x, y, a, b):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.mean(np.abs(y - (a * x + b))))
