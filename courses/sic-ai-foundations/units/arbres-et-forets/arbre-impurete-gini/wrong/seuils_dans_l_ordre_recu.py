def gini(etiquettes):
    n = len(etiquettes)
    return 1 - sum((etiquettes.count(e) / n) ** 2 for e in set(etiquettes))


def impurete_decoupage(gauche, droite):
    n = len(gauche) + len(droite)
    return len(gauche) / n * gini(gauche) + len(droite) / n * gini(droite)


# Erreur : essaie les seuils dans l'ordre de la liste, donc les ex aequo ne donnent pas le plus petit.
def meilleur_seuil(valeurs, etiquettes):
    meilleur, plus_basse = None, None
    for seuil in valeurs:
        if seuil == max(valeurs):
            continue
        gauche = [e for v, e in zip(valeurs, etiquettes) if v <= seuil]
        droite = [e for v, e in zip(valeurs, etiquettes) if v > seuil]
        impurete = impurete_decoupage(gauche, droite)
        if plus_basse is None or impurete < plus_basse:
            meilleur, plus_basse = seuil, impurete
    return meilleur
