import numpy as np
from sklearn.datasets import load_digits
from sklearn.tree import DecisionTreeClassifier


def entrainer_arbre(profondeur):
    X, y = load_digits(return_X_y=True)
    return DecisionTreeClassifier(max_depth=profondeur, random_state=0).fit(X, y)


def score_entrainement(profondeur):
    X, y = load_digits(return_X_y=True)
    return float(entrainer_arbre(profondeur).score(X, y))


# Erreur : ignore le paramètre noms et utilise toujours les noms des pixels.
def caracteristique_principale(modele, noms):
    return load_digits().feature_names[int(np.argmax(modele.feature_importances_))]
