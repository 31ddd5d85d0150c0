import numpy as np
from sklearn.datasets import load_breast_cancer, load_digits, load_iris


def charger(nom):
    if nom == "iris":
        return load_iris(return_X_y=True)
    return None


def decrire(nom):
    X, y = charger(nom)
    return {"exemples": 0, "caracteristiques": 0, "classes": 0}


def effectifs(nom):
    X, y = charger(nom)
    return []
