def gini(etiquettes):
    # 1 - somme des carrés des proportions de chaque étiquette
    return 0.0


def impurete_decoupage(gauche, droite):
    # moyenne des deux impuretés, pondérée par la taille des groupes
    return 0.0


def meilleur_seuil(valeurs, etiquettes):
    # essayer chaque valeur (sauf la plus grande) comme seuil « valeur <= seuil »
    return None
