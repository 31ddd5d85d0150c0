from sklearn.datasets import load_iris
from sklearn.neighbors import KNeighborsClassifier


# Erreur : le modèle est créé mais jamais entraîné (fit oublié).
def entrainer(k):
    return KNeighborsClassifier(n_neighbors=k)


def predire_especes(modele, mesures):
    return load_iris().target_names[modele.predict(mesures)].tolist()
