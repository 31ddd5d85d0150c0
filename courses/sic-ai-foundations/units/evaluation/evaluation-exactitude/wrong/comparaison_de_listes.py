import numpy as np
from collections import Counter


# Erreur : avec des listes, == compare les listes entières (un seul booléen).
def exactitude(y_vrai, y_pred):
    return float(np.mean(y_vrai == y_pred))


def exactitude_reference(y_vrai):
    return Counter(list(y_vrai)).most_common(1)[0][1] / len(y_vrai)
