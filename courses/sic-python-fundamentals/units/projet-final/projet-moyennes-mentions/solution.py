def moyenne(notes):
    return round(sum(notes) / len(notes), 2)


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


classe = {"Amina": [15.0, 14.5, 16.0, 13.5], "Karim": [8.0, 9.5, 11.0, 10.5]}
print(moyennes(classe))
