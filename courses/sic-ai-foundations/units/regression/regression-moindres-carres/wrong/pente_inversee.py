import numpy as np


# Erreur : divise par la variance de y au lieu de celle de x.
def droite(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    a = np.mean((x - x.mean()) * (y - y.mean())) / np.mean((y - y.mean()) ** 2)
    b = y.mean() - a * x.mean()
    return (float(a), float(b))


def erreur_quadratique_moyenne(x, y, a, b):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.mean((y - (a * x + b)) ** 2))
