from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def moyenne_cv(k, plis):
    X, y = load_breast_cancer(return_X_y=True)
    modele = Pipeline([("normaliser", StandardScaler()), ("knn", KNeighborsClassifier(n_neighbors=k))])
    scores = cross_val_score(modele, X, y, cv=plis)
    return sum(scores) / len(scores)


def meilleur_k(moyennes):
    return max(sorted(moyennes), key=lambda k: moyennes[k])
