# Erreur : divise toujours par 4, comme si chaque élève avait exactement 4 matières.
def moyenne(notes):
    return round(sum(notes) / 4, 2)


def mention(m):
    if m >= 16:
        return "Très bien"
    elif m >= 14:
        return "Bien"
    elif m >= 12:
        return "Assez bien"
    elif m >= 10:
        return "Passable"
    else:
        return "Non admis"


def moyennes(classe):
    resultat = {}
    for prenom, notes in classe.items():
        resultat[prenom] = moyenne(notes)
    return resultat
