# Juste : une somme sur une compréhension compte les voyelles.
def compter_voyelles(texte):
    return sum(1 for lettre in texte.lower() if lettre in "aeiouy")
