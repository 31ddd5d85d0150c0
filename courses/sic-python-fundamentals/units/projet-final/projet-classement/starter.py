def cle_classement(paire):
    nom, moy = paire
    return 0


def classement(moyennes):
    resultat = []
    return resultat


print(classement({"Amina": 14.75, "Salma": 16.75, "Karim": 9.75}))
