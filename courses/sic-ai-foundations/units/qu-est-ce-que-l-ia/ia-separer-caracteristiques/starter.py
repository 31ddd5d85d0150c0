def separer(exemples, colonnes, cible):
    X = []
    y = []
    return X, y
