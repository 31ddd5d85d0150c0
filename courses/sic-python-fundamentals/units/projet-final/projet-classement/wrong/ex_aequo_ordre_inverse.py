# Erreur : les ex aequo sont départagés dans l'ordre alphabétique inverse.
def classement(moyennes):
    ordre = sorted(moyennes.items(), key=lambda paire: (paire[1], paire[0]), reverse=True)
    return [(rang, nom, moy) for rang, (nom, moy) in enumerate(ordre, start=1)]
