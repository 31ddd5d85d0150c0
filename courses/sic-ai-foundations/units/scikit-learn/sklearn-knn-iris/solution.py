from sklearn.datasets import load_iris
from sklearn.neighbors import KNeighborsClassifier


def entrainer(k):
    iris = load_iris()
    modele = KNeighborsClassifier(n_neighbors=k)
    modele.fit(iris.data, iris.target)
    return modele


def predire_especes(modele, mesures):
    codes = modele.predict(mesures)
    return load_iris().target_names[codes].tolist()
