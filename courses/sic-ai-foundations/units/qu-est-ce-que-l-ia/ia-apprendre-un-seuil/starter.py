def exactitude_seuil(valeurs, etiquettes, seuil):
    bonnes_reponses = 0
    # Pour chaque exemple : prédire 1 si valeur >= seuil, sinon 0,
    # puis compter les prédictions égales à l'étiquette.
    return 0.0


def meilleur_seuil(valeurs, etiquettes):
    # Essayer chaque valeur comme seuil et garder la meilleure.
    return None
