depart = input()
arrivee = input()
print(f"{depart} -> {arrivee}")

# Échange raté : la valeur de depart est écrasée avant d'être copiée
depart = arrivee
arrivee = depart

print(f"{depart} -> {arrivee}")
