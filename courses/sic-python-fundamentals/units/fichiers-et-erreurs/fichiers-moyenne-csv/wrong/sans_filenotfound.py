# Erreur : un fichier absent fait planter la fonction (FileNotFoundError non interceptée).
def moyenne_fichier(chemin):
    notes = []
    with open(chemin, encoding="utf-8") as fichier:
        fichier.readline()
        for ligne in fichier:
            try:
                notes.append(float(ligne.strip().split(",")[1]))
            except ValueError:
                pass
    if not notes:
        return None
    return round(sum(notes) / len(notes), 2)
