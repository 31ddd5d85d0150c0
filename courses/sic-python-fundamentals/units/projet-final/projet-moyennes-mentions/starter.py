def moyenne(notes):
    pass


def mention(m):
    pass


def moyennes(classe):
    resultat = {}
    return resultat


classe = {"Amina": [15.0, 14.5, 16.0, 13.5], "Karim": [8.0, 9.5, 11.0, 10.5]}
print(moyennes(classe))
