# Erreur : divise toujours par 4, comme si chaque élève avait exactement 4 matières.
def moyenne(notes):
    return round(sum(notes) / 4, 2)


def mention(m):
    if m >= 16:
        return 4
    elif m >= 14:
        return 3
    elif m >= 12:
        return 2
    elif m >= 10:
        return 1
    else:
        return 0


def moyennes(classe):
    resultat = {}
    for prenom, notes in classe.items():
        resultat[prenom] = moyenne(notes)
    return resultat
