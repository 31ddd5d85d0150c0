# Juste : trier par nom, puis (tri stable) par moyenne décroissante.
def classement(moyennes):
    ordre = sorted(moyennes.items())
    ordre = sorted(ordre, key=lambda paire: paire[1], reverse=True)
    return [(rang + 1, nom, moy) for rang, (nom, moy) in enumerate(ordre)]
