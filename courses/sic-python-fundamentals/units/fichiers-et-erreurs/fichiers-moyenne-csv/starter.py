def moyenne_fichier(chemin):
    notes = []
    # Ouvrez le fichier, sautez l'en-tête, puis ajoutez chaque note valide à la liste notes.
    # N'oubliez pas les cas : fichier absent, aucune note valide.
    return None


print(moyenne_fichier("notes.csv"))
