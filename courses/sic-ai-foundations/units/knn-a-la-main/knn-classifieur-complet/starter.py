import numpy as np
from collections import Counter


def predire_un(X_train, y_train, p, k):
    # 1. distances de p à chaque ligne de X_train
    # 2. indices des k plus proches (np.argsort)
    # 3. vote majoritaire des étiquettes de ces voisins
    return None


def predire(X_train, y_train, X_test, k):
    predictions = []
    # appeler predire_un pour chaque ligne de X_test
    return predictions
