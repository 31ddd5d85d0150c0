def cle(ville):
    nom, population = ville
    return (population, nom)


def classer_villes(villes):
    return [nom for nom, population in sorted(villes, key=cle)]
