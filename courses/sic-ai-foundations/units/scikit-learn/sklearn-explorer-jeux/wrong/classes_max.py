import numpy as np
from sklearn.datasets import load_breast_cancer, load_digits, load_iris

CHARGEURS = {"iris": load_iris, "digits": load_digits, "breast_cancer": load_breast_cancer}


def charger(nom):
    return CHARGEURS[nom](return_X_y=True)


# Erreur : le plus grand code n'est pas le nombre de classes (les codes commencent à 0).
def decrire(nom):
    X, y = charger(nom)
    return {"exemples": X.shape[0], "caracteristiques": X.shape[1], "classes": int(y.max())}


def effectifs(nom):
    X, y = charger(nom)
    return np.bincount(y).tolist()
