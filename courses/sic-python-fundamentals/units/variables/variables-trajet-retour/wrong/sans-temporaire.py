depart = input("Ville de départ : ")
arrivee = input("Ville d'arrivée : ")
print(f"Aller : {depart} -> {arrivee}")

# Échange raté : la valeur de depart est écrasée avant d'être copiée
depart = arrivee
arrivee = depart

print(f"Retour : {depart} -> {arrivee}")
