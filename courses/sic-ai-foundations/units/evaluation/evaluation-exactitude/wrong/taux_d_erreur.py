import numpy as np
from collections import Counter


# Erreur : calcule la proportion d'erreurs au lieu de la proportion de bonnes réponses.
def exactitude(y_vrai, y_pred):
    return float(np.mean(np.asarray(y_vrai) != np.asarray(y_pred)))


def exactitude_reference(y_vrai):
    return Counter(list(y_vrai)).most_common(1)[0][1] / len(y_vrai)
