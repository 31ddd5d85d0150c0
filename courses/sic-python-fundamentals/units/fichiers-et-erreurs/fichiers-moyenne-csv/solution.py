def moyenne_fichier(chemin):
    notes = []
    try:
        with open(chemin, encoding="utf-8") as fichier:
            fichier.readline()  # en-tête
            for ligne in fichier:
                morceaux = ligne.strip().split(",")
                try:
                    notes.append(float(morceaux[1]))
                except ValueError:
                    pass  # absent ou note invalide : on ignore la ligne
    except FileNotFoundError:
        return None
    if len(notes) == 0:
        return None
    return round(sum(notes) / len(notes), 2)


print(moyenne_fichier("notes.csv"))
