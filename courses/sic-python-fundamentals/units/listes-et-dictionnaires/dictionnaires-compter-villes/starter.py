def compter_villes(villes):
    compte = {}
    # Parcourez la liste villes et mettez à jour le dictionnaire compte.
    return None


print(compter_villes(["Rabat", "Fès", "Rabat"]))
