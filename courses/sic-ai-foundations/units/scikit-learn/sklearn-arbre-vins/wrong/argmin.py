import numpy as np
from sklearn.datasets import load_digits
from sklearn.tree import DecisionTreeClassifier


def entrainer_arbre(profondeur):
    X, y = load_digits(return_X_y=True)
    return DecisionTreeClassifier(max_depth=profondeur, random_state=0).fit(X, y)


def score_entrainement(profondeur):
    X, y = load_digits(return_X_y=True)
    return float(entrainer_arbre(profondeur).score(X, y))


# Erreur : argmin donne la caractéristique la MOINS importante.
def caracteristique_principale(modele, noms):
    return noms[int(np.argmin(modele.feature_importances_))]
