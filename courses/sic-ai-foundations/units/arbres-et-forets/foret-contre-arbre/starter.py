from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier


def comparer(graine, n_arbres):
    X, y = load_breast_cancer(return_X_y=True)
    # découper, entraîner un arbre et une forêt, renvoyer leurs exactitudes de test
    return (0.0, 0.0)


def part_des_votes(foret, x):
    # faire prédire x par chaque arbre de foret.estimators_
    return 0.0
