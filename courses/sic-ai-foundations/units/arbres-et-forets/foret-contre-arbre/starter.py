from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier


def comparer(graine, n_arbres):
    X, y = load_breast_cancer(return_X_y=True)
    return (0.0, 0.0)


def part_des_votes(foret, x):
    return 0.0
