import numpy as np
from sklearn.datasets import load_breast_cancer, load_digits, load_iris

CHARGEURS = {"iris": load_iris, "digits": load_digits, "breast_cancer": load_breast_cancer}


def charger(nom):
    """Renvoie (X, y) pour le jeu de données demandé."""
    return CHARGEURS[nom](return_X_y=True)


def decrire(nom):
    X, y = charger(nom)
    return {
        "exemples": int(X.shape[0]),
        "caracteristiques": int(X.shape[1]),
        "classes": int(len(np.unique(y))),
    }


def effectifs(nom):
    X, y = charger(nom)
    return np.bincount(y).tolist()
