# Juste : Counter compte exactement ce qu'on demande (c'est un dictionnaire).
from collections import Counter


def compter_villes(villes):
    return Counter(villes)
