def classer_villes(villes):
    return []
