# Erreur : le prix n'est pas arrondi à deux décimales.
def prix_course(distance, nuit=False):
    prix = 7.5 + distance * 3.5
    if nuit:
        prix = prix * 1.5
    return prix
