import numpy as np
from sklearn.datasets import load_digits
from sklearn.tree import DecisionTreeClassifier


def entrainer_arbre(profondeur):
    X, y = load_digits(return_X_y=True)
    arbre = DecisionTreeClassifier(max_depth=profondeur, random_state=0)
    return arbre


def score_entrainement(profondeur):
    return 0.0


def caracteristique_principale(modele, noms):
    return ""
