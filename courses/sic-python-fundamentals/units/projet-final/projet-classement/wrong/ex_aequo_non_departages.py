# Erreur : ne trie que sur la moyenne ; les ex aequo restent dans l'ordre du dictionnaire.
def la_moyenne(paire):
    return paire[1]


def classement(moyennes):
    resultat = []
    rang = 1
    for nom, moy in sorted(moyennes.items(), key=la_moyenne, reverse=True):
        resultat.append((rang, nom, moy))
        rang = rang + 1
    return resultat
