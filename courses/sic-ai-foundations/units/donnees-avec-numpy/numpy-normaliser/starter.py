import numpy as np


def normaliser_min_max(X):
    # 1. minimum et maximum de chaque colonne (axis=0)
    # 2. étendue = max - min ; remplacer les étendues nulles par 1
    # 3. renvoyer (X - min) / étendue
    return X


def standardiser(X):
    # Même démarche avec la moyenne et l'écart type de chaque colonne.
    return X
