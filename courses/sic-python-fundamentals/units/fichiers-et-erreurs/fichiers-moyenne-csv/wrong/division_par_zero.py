# Erreur : oublie le cas où aucune note n'est valide (ZeroDivisionError).
def moyenne_fichier(chemin):
    notes = []
    try:
        with open(chemin, encoding="utf-8") as fichier:
            fichier.readline()
            for ligne in fichier:
                try:
                    notes.append(float(ligne.strip().split(",")[1]))
                except ValueError:
                    pass
    except FileNotFoundError:
        return None
    return round(sum(notes) / len(notes), 2)
