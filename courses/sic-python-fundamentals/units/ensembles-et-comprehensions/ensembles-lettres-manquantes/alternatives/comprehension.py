import string


def lettres_manquantes(phrase):
    texte = phrase.lower()
    return [lettre for lettre in string.ascii_lowercase if lettre not in texte]
