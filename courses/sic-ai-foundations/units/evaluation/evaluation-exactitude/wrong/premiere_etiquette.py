import numpy as np


def exactitude(y_vrai, y_pred):
    return float(np.mean(np.asarray(y_vrai) == np.asarray(y_pred)))


# Erreur : prédit toujours la première étiquette au lieu de la plus fréquente.
def exactitude_reference(y_vrai):
    y_vrai = np.asarray(y_vrai)
    return float(np.mean(y_vrai == y_vrai[0]))
