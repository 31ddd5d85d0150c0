# Erreur : le mode "a" ajoute à la fin au lieu de remplacer l'ancien contenu.
def ecrire_resultats(chemin, notes):
    nb_admis = 0
    with open(chemin, "a", encoding="utf-8") as fichier:
        for prenom, note in notes.items():
            if note >= 10:
                fichier.write(f"{prenom},{note},1\n")
                nb_admis = nb_admis + 1
            else:
                fichier.write(f"{prenom},{note},0\n")
    return nb_admis
