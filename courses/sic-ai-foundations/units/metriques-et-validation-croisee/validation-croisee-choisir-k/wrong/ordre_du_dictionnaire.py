from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def moyenne_cv(k, plis):
    X, y = load_breast_cancer(return_X_y=True)
    modele = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=k))
    return float(cross_val_score(modele, X, y, cv=plis).mean())


# Erreur : parcourt le dictionnaire dans son ordre ; en cas d'égalité, ce n'est pas le plus petit k.
def meilleur_k(moyennes):
    return max(moyennes, key=lambda k: moyennes[k])
