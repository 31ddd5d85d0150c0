# Erreur : le dictionnaire est affiché au lieu d'être renvoyé (la fonction renvoie None).
def compter_villes(villes):
    compte = {}
    for ville in villes:
        compte[ville] = compte.get(ville, 0) + 1
    print(compte)
