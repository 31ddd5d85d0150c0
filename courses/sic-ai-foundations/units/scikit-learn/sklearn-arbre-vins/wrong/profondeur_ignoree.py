import numpy as np
from sklearn.datasets import load_digits
from sklearn.tree import DecisionTreeClassifier


# Erreur : max_depth n'est pas transmis, l'arbre grandit toujours sans limite.
def entrainer_arbre(profondeur):
    X, y = load_digits(return_X_y=True)
    return DecisionTreeClassifier(random_state=0).fit(X, y)


def score_entrainement(profondeur):
    X, y = load_digits(return_X_y=True)
    return float(entrainer_arbre(profondeur).score(X, y))


def caracteristique_principale(modele, noms):
    return noms[int(np.argmax(modele.feature_importances_))]
