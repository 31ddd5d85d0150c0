def cle(ville):
    nom, population = ville
    return (-population, nom)


def classer_villes(villes):
    villes.sort(key=cle)
    return [nom for nom, population in villes]
