from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def moyenne_cv(k, plis):
    X, y = load_breast_cancer(return_X_y=True)
    # Erreur : pas de normalisation, la surface des cellules écrase les autres mesures.
    modele = KNeighborsClassifier(n_neighbors=k)
    return float(cross_val_score(modele, X, y, cv=plis).mean())


def meilleur_k(moyennes):
    meilleur = None
    for k in sorted(moyennes):
        if meilleur is None or moyennes[k] > moyennes[meilleur]:
            meilleur = k
    return meilleur
