def moyenne(notes):
    return round(sum(notes) / len(notes), 2)


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


classe = {"Amina": [15.0, 14.5, 16.0, 13.5], "Karim": [8.0, 9.5, 11.0, 10.5]}
print(moyennes(classe))
