def cle_classement(paire):
    nom, moy = paire
    # Renvoyez le critère de tri : moyenne décroissante, puis prénom.
    return 0


def classement(moyennes):
    resultat = []
    # Triez moyennes.items() avec key=cle_classement,
    # puis ajoutez (rang, prénom, moyenne) à resultat.
    return resultat


print(classement({"Amina": 14.75, "Salma": 16.75, "Karim": 9.75}))
