def exactitude_seuil(valeurs, etiquettes, seuil):
    bonnes_reponses = 0
    return 0.0


def meilleur_seuil(valeurs, etiquettes):
    return None
