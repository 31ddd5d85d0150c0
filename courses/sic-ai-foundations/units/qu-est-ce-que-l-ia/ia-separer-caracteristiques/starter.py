def separer(exemples, colonnes, cible):
    X = []
    y = []
    # Pour chaque exemple (un dictionnaire) :
    #   - construire la liste des valeurs des colonnes demandées, dans l'ordre de `colonnes`
    #   - l'ajouter à X
    #   - ajouter la valeur de la colonne `cible` à y
    return X, y
