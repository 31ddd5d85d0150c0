def compter_villes(villes):
    compte = {}
    return None


print(compter_villes(["Rabat", "Fès", "Rabat"]))
