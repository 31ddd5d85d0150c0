import numpy as np
from sklearn.datasets import load_digits
from sklearn.tree import DecisionTreeClassifier


def entrainer_arbre(profondeur):
    X, y = load_digits(return_X_y=True)
    arbre = DecisionTreeClassifier(max_depth=profondeur, random_state=0)
    # entraîner l'arbre
    return arbre


def score_entrainement(profondeur):
    # exactitude de l'arbre sur ses propres données d'entraînement
    return 0.0


def caracteristique_principale(modele, noms):
    # indice de la plus grande importance, puis le nom correspondant
    return ""
