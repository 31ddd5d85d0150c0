def compter_voyelles(texte):
    return 0
