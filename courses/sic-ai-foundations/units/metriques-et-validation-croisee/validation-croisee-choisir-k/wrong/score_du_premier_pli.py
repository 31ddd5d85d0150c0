from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def moyenne_cv(k, plis):
    X, y = load_breast_cancer(return_X_y=True)
    modele = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=k))
    # Erreur : le score du premier pli seulement, pas la moyenne.
    return float(cross_val_score(modele, X, y, cv=plis)[0])


def meilleur_k(moyennes):
    meilleur = None
    for k in sorted(moyennes):
        if meilleur is None or moyennes[k] > moyennes[meilleur]:
            meilleur = k
    return meilleur
