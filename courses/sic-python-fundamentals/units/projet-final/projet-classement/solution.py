def cle_classement(paire):
    nom, moy = paire
    return (-moy, nom)


def classement(moyennes):
    resultat = []
    rang = 1
    for nom, moy in sorted(moyennes.items(), key=cle_classement):
        resultat.append((rang, nom, moy))
        rang = rang + 1
    return resultat


print(classement({"Amina": 14.75, "Salma": 16.75, "Karim": 9.75}))
