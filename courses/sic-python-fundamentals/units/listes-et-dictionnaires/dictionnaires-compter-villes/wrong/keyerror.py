# Erreur : on augmente une clé qui n'existe pas encore (KeyError).
def compter_villes(villes):
    compte = {}
    for ville in villes:
        compte[ville] = compte[ville] + 1
    return compte
