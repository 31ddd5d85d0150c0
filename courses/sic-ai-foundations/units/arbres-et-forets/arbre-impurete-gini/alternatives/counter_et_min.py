from collections import Counter


def gini(etiquettes):
    total = len(etiquettes)
    return 1.0 - sum((c / total) ** 2 for c in Counter(etiquettes).values())


def impurete_decoupage(gauche, droite):
    return (len(gauche) * gini(gauche) + len(droite) * gini(droite)) / (len(gauche) + len(droite))


def meilleur_seuil(valeurs, etiquettes):
    def impurete(seuil):
        gauche = [e for v, e in zip(valeurs, etiquettes) if v <= seuil]
        droite = [e for v, e in zip(valeurs, etiquettes) if v > seuil]
        return impurete_decoupage(gauche, droite)

    candidats = sorted(set(valeurs))[:-1]
    return min(candidats, key=impurete)
