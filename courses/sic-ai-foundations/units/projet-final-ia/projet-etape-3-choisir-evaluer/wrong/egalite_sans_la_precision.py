from sklearn.metrics import precision_score, recall_score
from sklearn.model_selection import train_test_split
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


def choisir(resultats, precision_min):
    choix = None
    for nom in sorted(resultats):
        precision, rappel = resultats[nom]
        if precision >= precision_min:
            # Erreur : en cas d'égalité de rappel, la précision ne départage pas.
            if choix is None or rappel > resultats[choix][1]:
                choix = nom
    return choix


def evaluer(nom, X, y):
    X_train, X_test, y_train, y_test = decouper(X, y)
    modele = modeles()[nom]
    modele.fit(X_train, y_train)
    predictions = modele.predict(X_test)
    return float(precision_score(y_test, predictions)), float(recall_score(y_test, predictions))
