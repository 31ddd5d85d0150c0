import numpy as np
from collections import Counter


def predire_un(X_train, y_train, p, k):
    return None


def predire(X_train, y_train, X_test, k):
    predictions = []
    return predictions
