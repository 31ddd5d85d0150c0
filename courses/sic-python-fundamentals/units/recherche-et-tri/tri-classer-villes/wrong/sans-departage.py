def population(ville):
    return ville[1]


def classer_villes(villes):
    return [nom for nom, p in sorted(villes, key=population, reverse=True)]
