import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler


def parts_expliquees(n):
    X, y = load_breast_cancer(return_X_y=True)
    X_std = StandardScaler().fit_transform(X)
    return PCA(n_components=n).fit(X_std).explained_variance_ratio_.tolist()


def composantes_pour(parts, seuil):
    cumul = 0.0
    for nombre, part in enumerate(parts, start=1):
        cumul += part
        if cumul >= seuil:
            return nombre
    return len(parts)
