import numpy as np


def predire(w, b, x):
    return 0


def predire_tous(w, b, X):
    return []
