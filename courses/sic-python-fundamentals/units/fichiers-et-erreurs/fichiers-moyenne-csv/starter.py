def moyenne_fichier(chemin):
    notes = []
    return None


print(moyenne_fichier("notes.csv"))
