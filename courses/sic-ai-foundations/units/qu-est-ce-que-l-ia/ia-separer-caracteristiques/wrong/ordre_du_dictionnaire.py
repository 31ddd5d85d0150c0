# Erreur : prend toutes les colonnes du dictionnaire sauf la cible,
# dans l'ordre du dictionnaire, au lieu des colonnes demandées.
def separer(exemples, colonnes, cible):
    X = []
    y = []
    for exemple in exemples:
        X.append([v for k, v in exemple.items() if k != cible])
        y.append(exemple[cible])
    return X, y
