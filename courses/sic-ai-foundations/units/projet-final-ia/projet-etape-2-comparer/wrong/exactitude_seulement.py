from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier


def decouper(X, y):
    return train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)


def modeles():
    return {
        "knn": make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5)),
        "arbre": DecisionTreeClassifier(max_depth=4, random_state=0),
    }


# Erreur : l'exactitude au lieu de la précision et du rappel.
def comparer(X, y):
    X_train, X_test, y_train, y_test = decouper(X, y)
    resultats = {}
    for nom, modele in modeles().items():
        exactitude = cross_val_score(modele, X_train, y_train, cv=5).mean()
        resultats[nom] = (float(exactitude), float(exactitude))
    return resultats
