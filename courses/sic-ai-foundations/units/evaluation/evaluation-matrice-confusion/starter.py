import numpy as np


def matrice_confusion(y_vrai, y_pred, n_classes):
    M = np.zeros((n_classes, n_classes), dtype=int)
    return M


def plus_grande_confusion(M):
    return (0, 0)


def exactitude_depuis_matrice(M):
    return 0.0
