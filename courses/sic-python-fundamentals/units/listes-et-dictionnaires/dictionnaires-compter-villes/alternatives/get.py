# Juste : dict.get donne 0 pour une ville pas encore vue.
def compter_villes(villes):
    compte = {}
    for ville in villes:
        compte[ville] = compte.get(ville, 0) + 1
    return compte
