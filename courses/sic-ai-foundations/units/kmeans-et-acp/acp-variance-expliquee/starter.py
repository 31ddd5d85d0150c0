import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler


def parts_expliquees(n):
    X, y = load_breast_cancer(return_X_y=True)
    # standardiser, ajuster une ACP à n composantes, renvoyer explained_variance_ratio_ en liste
    return []


def composantes_pour(parts, seuil):
    # le plus petit nombre de composantes dont la somme des parts atteint le seuil
    return 0
