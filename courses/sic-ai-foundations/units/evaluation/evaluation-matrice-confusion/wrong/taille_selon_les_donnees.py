import numpy as np


# Erreur : la taille est déduite des étiquettes présentes au lieu de n_classes.
def matrice_confusion(y_vrai, y_pred, n_classes):
    n = max(max(y_vrai), max(y_pred)) + 1
    M = np.zeros((n, n), dtype=int)
    for v, p in zip(y_vrai, y_pred):
        M[v, p] += 1
    return M


def plus_grande_confusion(M):
    A = np.array(M, dtype=int)
    np.fill_diagonal(A, -1)
    i, j = np.unravel_index(np.argmax(A), A.shape)
    return (int(i), int(j))


def exactitude_depuis_matrice(M):
    M = np.asarray(M)
    return float(np.trace(M) / M.sum())
