# Erreur : la valeur est remise à 1 à chaque fois au lieu d'être augmentée.
def compter_villes(villes):
    compte = {}
    for ville in villes:
        compte[ville] = 1
    return compte
