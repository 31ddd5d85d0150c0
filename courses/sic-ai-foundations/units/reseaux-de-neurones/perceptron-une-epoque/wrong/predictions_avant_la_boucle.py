import numpy as np


def une_epoque(w, b, X, y, taux):
    # Erreur : toutes les prédictions sont faites avec les poids du début de l'époque,
    # au lieu de l'être avec les poids déjà corrigés par les exemples précédents.
    predictions = [1 if np.dot(w, x) + b >= 0 else 0 for x in X]
    erreurs = 0
    for x, cible, prediction in zip(X, y, predictions):
        e = cible - prediction
        if e != 0:
            w = w + taux * e * x
            b = b + taux * e
            erreurs = erreurs + 1
    return [float(v) for v in w], float(b), erreurs
