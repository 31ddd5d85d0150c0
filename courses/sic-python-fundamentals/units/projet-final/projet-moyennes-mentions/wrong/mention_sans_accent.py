# Erreur : "Tres bien" sans accent ne correspond pas exactement à "Très bien".
def moyenne(notes):
    return round(sum(notes) / len(notes), 2)


def mention(m):
    if m >= 16:
        return "Tres bien"
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
