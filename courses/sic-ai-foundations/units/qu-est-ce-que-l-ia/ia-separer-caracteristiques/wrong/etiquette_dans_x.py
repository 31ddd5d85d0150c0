# Erreur : l'étiquette est ajoutée aux caractéristiques.
def separer(exemples, colonnes, cible):
    X = []
    y = []
    for exemple in exemples:
        X.append([exemple[c] for c in colonnes] + [exemple[cible]])
        y.append(exemple[cible])
    return X, y
