import numpy as np
from sklearn.datasets import load_digits, load_iris, load_wine


def charger(nom):
    """Renvoie (X, y) pour le jeu de données demandé."""
    if nom == "iris":
        return load_iris(return_X_y=True)
    # à compléter pour "digits" et "wine"
    return None


def decrire(nom):
    X, y = charger(nom)
    return {"exemples": 0, "caracteristiques": 0, "classes": 0}


def effectifs(nom):
    X, y = charger(nom)
    return []
