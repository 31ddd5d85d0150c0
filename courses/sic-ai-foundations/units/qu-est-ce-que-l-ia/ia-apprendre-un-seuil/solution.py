def exactitude_seuil(valeurs, etiquettes, seuil):
    bonnes_reponses = 0
    for valeur, etiquette in zip(valeurs, etiquettes):
        prediction = 1 if valeur >= seuil else 0
        if prediction == etiquette:
            bonnes_reponses += 1
    return bonnes_reponses / len(valeurs)


def meilleur_seuil(valeurs, etiquettes):
    meilleur = None
    meilleure_exactitude = -1.0
    for seuil in sorted(set(valeurs)):
        exactitude = exactitude_seuil(valeurs, etiquettes, seuil)
        if exactitude > meilleure_exactitude:   # strictement : on garde le plus petit en cas d'égalité
            meilleur = seuil
            meilleure_exactitude = exactitude
    return meilleur
