# Erreur : trie par moyenne croissante, le moins bon élève est classé premier.
def cle_classement(paire):
    nom, moy = paire
    return (moy, nom)


def classement(moyennes):
    resultat = []
    rang = 1
    for nom, moy in sorted(moyennes.items(), key=cle_classement):
        resultat.append((rang, nom, moy))
        rang = rang + 1
    return resultat
