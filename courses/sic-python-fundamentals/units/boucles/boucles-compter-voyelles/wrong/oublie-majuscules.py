def compter_voyelles(texte):
    # Oublie les voyelles en majuscule
    compteur = 0
    for lettre in texte:
        if lettre in "aeiouy":
            compteur += 1
    return compteur
