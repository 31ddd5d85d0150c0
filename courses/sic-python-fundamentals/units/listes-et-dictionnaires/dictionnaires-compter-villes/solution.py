def compter_villes(villes):
    compte = {}
    for ville in villes:
        if ville in compte:
            compte[ville] = compte[ville] + 1
        else:
            compte[ville] = 1
    return compte


print(compter_villes(["Rabat", "Fès", "Rabat"]))
