# Erreur : la formule avec / donne un nombre décimal (15.0) là où un entier est demandé.
def somme_jusqua(n):
    return n * (n + 1) / 2
