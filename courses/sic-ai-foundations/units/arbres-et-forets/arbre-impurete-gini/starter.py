def gini(etiquettes):
    return 0.0


def impurete_decoupage(gauche, droite):
    return 0.0


def meilleur_seuil(valeurs, etiquettes):
    return None
