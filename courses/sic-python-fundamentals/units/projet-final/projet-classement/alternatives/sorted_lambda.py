# Juste : une clé lambda (moyenne décroissante, puis nom) et enumerate pour les rangs.
def classement(moyennes):
    ordre = sorted(moyennes.items(), key=lambda paire: (-paire[1], paire[0]))
    return [(rang, nom, moy) for rang, (nom, moy) in enumerate(ordre, start=1)]
