# Étapes 1 à 3 : recopiez ici vos fonctions.

def lire_classe(chemin):
    return None


def moyenne(notes):
    return 0


def mention(m):
    return ""


def moyennes(classe):
    return {}


def classement(moy):
    return []


# Étape 4 : le programme principal.
fichier = input("Nom du fichier : ")
classe = lire_classe(fichier)
# À compléter : fichier introuvable, aucun élève, ou affichage du bulletin.
