def compter_voyelles(texte):
    # Comptez les lettres a, e, i, o, u, y (minuscules ou majuscules)
    compteur = 0
    for lettre in texte.lower():
        if lettre in "aeiouy":
            compteur += 1
    return compteur
