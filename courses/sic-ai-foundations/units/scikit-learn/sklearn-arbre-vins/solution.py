import numpy as np
from sklearn.datasets import load_digits
from sklearn.tree import DecisionTreeClassifier


def entrainer_arbre(profondeur):
    X, y = load_digits(return_X_y=True)
    arbre = DecisionTreeClassifier(max_depth=profondeur, random_state=0)
    arbre.fit(X, y)
    return arbre


def score_entrainement(profondeur):
    X, y = load_digits(return_X_y=True)
    return float(entrainer_arbre(profondeur).score(X, y))


def caracteristique_principale(modele, noms):
    return noms[int(np.argmax(modele.feature_importances_))]
