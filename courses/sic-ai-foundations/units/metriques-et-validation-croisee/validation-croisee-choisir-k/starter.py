from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def moyenne_cv(k, plis):
    X, y = load_breast_cancer(return_X_y=True)
    # un pipeline (normalisation puis k-NN), puis la moyenne de cross_val_score
    return 0.0


def meilleur_k(moyennes):
    # la clé (k) dont la valeur (moyenne) est la plus haute ; le plus petit k en cas d'égalité
    return None
