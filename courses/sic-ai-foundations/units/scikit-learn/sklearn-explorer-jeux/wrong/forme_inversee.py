import numpy as np
from sklearn.datasets import load_digits, load_iris, load_wine

CHARGEURS = {"iris": load_iris, "digits": load_digits, "wine": load_wine}


def charger(nom):
    return CHARGEURS[nom](return_X_y=True)


# Erreur : lignes et colonnes inversées.
def decrire(nom):
    X, y = charger(nom)
    return {"exemples": X.shape[1], "caracteristiques": X.shape[0], "classes": len(np.unique(y))}


def effectifs(nom):
    X, y = charger(nom)
    return np.bincount(y).tolist()
