import numpy as np


def une_epoque(w, b, X, y, taux):
    erreurs = 0
    for x, cible in zip(X, y):
        z = np.dot(w, x) + b
        prediction = 1 if z >= 0 else 0
        e = cible - prediction
        if e != 0:
            # Erreur : le taux d'apprentissage est oublié.
            w = w + e * x
            b = b + e
            erreurs = erreurs + 1
    return [float(v) for v in w], float(b), erreurs
