from sklearn.datasets import load_iris
from sklearn.neighbors import KNeighborsClassifier


def entrainer(k):
    iris = load_iris()
    modele = KNeighborsClassifier(n_neighbors=k)
    return modele


def predire_especes(modele, mesures):
    return []
