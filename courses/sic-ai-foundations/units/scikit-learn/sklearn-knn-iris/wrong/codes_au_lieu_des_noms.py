from sklearn.datasets import load_iris
from sklearn.neighbors import KNeighborsClassifier


def entrainer(k):
    iris = load_iris()
    modele = KNeighborsClassifier(n_neighbors=k)
    modele.fit(iris.data, iris.target)
    return modele


# Erreur : renvoie les codes 0, 1, 2 au lieu des noms d'espèces.
def predire_especes(modele, mesures):
    return modele.predict(mesures).tolist()
