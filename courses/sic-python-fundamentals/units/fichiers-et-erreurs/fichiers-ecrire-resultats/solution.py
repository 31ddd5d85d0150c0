def ecrire_resultats(chemin, notes):
    nb_admis = 0
    with open(chemin, "w", encoding="utf-8") as fichier:
        for prenom, note in notes.items():
            if note >= 10:
                fichier.write(f"{prenom},{note},1\n")
                nb_admis = nb_admis + 1
            else:
                fichier.write(f"{prenom},{note},0\n")
    return nb_admis


print(ecrire_resultats("resultats.txt", {"Amina": 15.5, "Karim": 8}))
