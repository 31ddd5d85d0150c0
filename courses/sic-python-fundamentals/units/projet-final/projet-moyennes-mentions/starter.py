def moyenne(notes):
    # Moyenne arrondie à 2 décimales.
    pass


def mention(m):
    # "Très bien", "Bien", "Assez bien", "Passable" ou "Non admis".
    pass


def moyennes(classe):
    resultat = {}
    # Pour chaque élève, calculez sa moyenne avec la fonction moyenne.
    return resultat


classe = {"Amina": [15.0, 14.5, 16.0, 13.5], "Karim": [8.0, 9.5, 11.0, 10.5]}
print(moyennes(classe))
