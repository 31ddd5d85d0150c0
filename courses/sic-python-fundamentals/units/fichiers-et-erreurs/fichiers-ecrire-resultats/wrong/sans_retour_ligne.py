# Erreur : write n'ajoute pas de retour à la ligne, tout est écrit sur une seule ligne.
def ecrire_resultats(chemin, notes):
    nb_admis = 0
    with open(chemin, "w", encoding="utf-8") as fichier:
        for prenom, note in notes.items():
            if note >= 10:
                fichier.write(f"{prenom},{note},1")
                nb_admis = nb_admis + 1
            else:
                fichier.write(f"{prenom},{note},0")
    return nb_admis
