def compter_voyelles(texte):
    # Comptez les lettres a, e, i, o, u, y (minuscules ou majuscules)
    return 0
