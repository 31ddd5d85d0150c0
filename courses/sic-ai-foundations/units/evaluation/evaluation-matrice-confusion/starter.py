import numpy as np


def matrice_confusion(y_vrai, y_pred, n_classes):
    M = np.zeros((n_classes, n_classes), dtype=int)
    # pour chaque exemple, ajouter 1 dans la case [classe réelle, classe prédite]
    return M


def plus_grande_confusion(M):
    # la case hors diagonale la plus grande, sous la forme (ligne, colonne)
    return (0, 0)


def exactitude_depuis_matrice(M):
    # somme de la diagonale / total
    return 0.0
