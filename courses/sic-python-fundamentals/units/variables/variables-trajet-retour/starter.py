depart = input("Ville de départ : ")
arrivee = input("Ville d'arrivée : ")
print(f"Aller : {depart} -> {arrivee}")

# Échangez ici le contenu des variables depart et arrivee


print(f"Retour : {depart} -> {arrivee}")
