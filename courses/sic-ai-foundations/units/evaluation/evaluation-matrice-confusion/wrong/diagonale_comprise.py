import numpy as np


def matrice_confusion(y_vrai, y_pred, n_classes):
    M = np.zeros((n_classes, n_classes), dtype=int)
    for v, p in zip(y_vrai, y_pred):
        M[v, p] += 1
    return M


# Erreur : la diagonale (les bonnes réponses) n'est pas exclue.
def plus_grande_confusion(M):
    A = np.asarray(M)
    i, j = np.unravel_index(np.argmax(A), A.shape)
    return (int(i), int(j))


def exactitude_depuis_matrice(M):
    M = np.asarray(M)
    return float(np.trace(M) / M.sum())
