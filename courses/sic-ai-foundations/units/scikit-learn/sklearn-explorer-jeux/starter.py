import numpy as np
from sklearn.datasets import load_breast_cancer, load_digits, load_iris


def charger(nom):
    """Renvoie (X, y) pour le jeu de données demandé."""
    if nom == "iris":
        return load_iris(return_X_y=True)
    # à compléter pour "digits" et "breast_cancer"
    return None


def decrire(nom):
    X, y = charger(nom)
    return {"exemples": 0, "caracteristiques": 0, "classes": 0}


def effectifs(nom):
    X, y = charger(nom)
    return []
