# Juste : un defaultdict(int) crée la clé à 0 la première fois.
from collections import defaultdict


def compter_villes(villes):
    compte = defaultdict(int)
    for ville in villes:
        compte[ville] += 1
    return compte
