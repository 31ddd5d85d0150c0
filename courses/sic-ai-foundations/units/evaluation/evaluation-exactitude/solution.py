import numpy as np
from collections import Counter


def exactitude(y_vrai, y_pred):
    return float(np.mean(np.asarray(y_vrai) == np.asarray(y_pred)))


def exactitude_reference(y_vrai):
    effectif_max = Counter(list(y_vrai)).most_common(1)[0][1]
    return effectif_max / len(y_vrai)
