# Erreur : renvoie une liste [X, y] au lieu du tuple (X, y).
def separer(exemples, colonnes, cible):
    X = [[e[c] for c in colonnes] for e in exemples]
    y = [e[cible] for e in exemples]
    return [X, y]
