def lire_classe(chemin):
    return None


def moyenne(notes):
    return 0


def mention(m):
    return 0


def moyennes(classe):
    return {}


def classement(moy):
    return []


fichier = input()
classe = lire_classe(fichier)
