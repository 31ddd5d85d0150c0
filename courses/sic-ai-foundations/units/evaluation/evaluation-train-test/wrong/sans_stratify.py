from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler


# Erreur : stratify=y oublié, le découpage n'est pas celui demandé.
def evaluer_knn(k, graine, normaliser=False):
    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=graine)
    if normaliser:
        normaliseur = StandardScaler().fit(X_train)
        X_train = normaliseur.transform(X_train)
        X_test = normaliseur.transform(X_test)
    modele = KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train)
    return (float(modele.score(X_train, y_train)), float(modele.score(X_test, y_test)))
