def separer(exemples, colonnes, cible):
    X = []
    y = []
    for exemple in exemples:
        X.append([exemple[c] for c in colonnes])
        y.append(exemple[cible])
    return X, y
