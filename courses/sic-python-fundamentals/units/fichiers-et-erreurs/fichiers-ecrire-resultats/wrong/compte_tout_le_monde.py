# Erreur : renvoie le nombre total d'élèves au lieu du nombre d'admis.
def ecrire_resultats(chemin, notes):
    with open(chemin, "w", encoding="utf-8") as fichier:
        for prenom, note in notes.items():
            if note >= 10:
                fichier.write(f"{prenom},{note},1\n")
            else:
                fichier.write(f"{prenom},{note},0\n")
    return len(notes)
