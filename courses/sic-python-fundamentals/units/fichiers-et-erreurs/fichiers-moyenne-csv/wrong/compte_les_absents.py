# Erreur : les absents sont ignorés dans la somme mais comptés dans le nombre d'élèves.
def moyenne_fichier(chemin):
    total = 0
    nb_lignes = 0
    try:
        with open(chemin, encoding="utf-8") as fichier:
            fichier.readline()
            for ligne in fichier:
                nb_lignes = nb_lignes + 1
                try:
                    total = total + float(ligne.strip().split(",")[1])
                except ValueError:
                    pass
    except FileNotFoundError:
        return None
    if nb_lignes == 0:
        return None
    return round(total / nb_lignes, 2)
