def compter_voyelles(texte):
    # Oublie la voyelle y
    compteur = 0
    for lettre in texte.lower():
        if lettre in "aeiou":
            compteur += 1
    return compteur
