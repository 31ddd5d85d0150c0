from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler


def evaluer_knn(k, graine, normaliser=False):
    X, y = load_breast_cancer(return_X_y=True)
    # 1. découper avec train_test_split (test_size=0.25, random_state=graine, stratify=y)
    # 2. si normaliser : StandardScaler ajusté sur le train seulement
    # 3. entraîner un KNeighborsClassifier(n_neighbors=k)
    # 4. renvoyer (score sur le train, score sur le test)
    return (0.0, 0.0)
