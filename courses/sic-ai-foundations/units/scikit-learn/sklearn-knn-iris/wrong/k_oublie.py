from sklearn.datasets import load_iris
from sklearn.neighbors import KNeighborsClassifier


# Erreur : k n'est pas transmis au modèle (il garde la valeur par défaut, 5 voisins).
def entrainer(k):
    iris = load_iris()
    modele = KNeighborsClassifier()
    modele.fit(iris.data, iris.target)
    return modele


def predire_especes(modele, mesures):
    return load_iris().target_names[modele.predict(mesures)].tolist()
