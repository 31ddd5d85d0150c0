from sklearn.datasets import load_iris
from sklearn.neighbors import KNeighborsClassifier


# Erreur : entraîne seulement sur les 100 premières fleurs (setosa et versicolor).
def entrainer(k):
    iris = load_iris()
    modele = KNeighborsClassifier(n_neighbors=k)
    modele.fit(iris.data[:100], iris.target[:100])
    return modele


def predire_especes(modele, mesures):
    return load_iris().target_names[modele.predict(mesures)].tolist()
