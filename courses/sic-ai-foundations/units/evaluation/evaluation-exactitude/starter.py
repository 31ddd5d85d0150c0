import numpy as np


def exactitude(y_vrai, y_pred):
    return 0.0


def exactitude_reference(y_vrai):
    return 0.0
