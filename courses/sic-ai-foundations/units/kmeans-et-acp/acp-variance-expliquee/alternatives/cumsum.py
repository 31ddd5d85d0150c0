import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.decomposition import PCA
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def parts_expliquees(n):
    X, _ = load_breast_cancer(return_X_y=True)
    modele = make_pipeline(StandardScaler(), PCA(n_components=n)).fit(X)
    return list(modele[-1].explained_variance_ratio_)


def composantes_pour(parts, seuil):
    cumul = np.cumsum(parts)
    atteint = cumul >= seuil
    return int(np.argmax(atteint)) + 1 if atteint.any() else len(parts)
