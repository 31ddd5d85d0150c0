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
    # Remplace les notes par la moyenne dans le dictionnaire reçu au lieu d'en créer un nouveau :
    # après l'appel, les notes de la classe sont perdues
    for prenom in classe:
        classe[prenom] = moyenne(classe[prenom])
    return classe
