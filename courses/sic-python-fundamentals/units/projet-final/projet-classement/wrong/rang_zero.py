# Erreur : le rang commence à 0 au lieu de 1.
def cle_classement(paire):
    nom, moy = paire
    return (-moy, nom)


def classement(moyennes):
    resultat = []
    rang = 0
    for nom, moy in sorted(moyennes.items(), key=cle_classement):
        resultat.append((rang, nom, moy))
        rang = rang + 1
    return resultat
