depart = input()
arrivee = input()
print(f"{depart} -> {arrivee}")

# depart <-> arrivee
temporaire = depart
depart = arrivee
arrivee = temporaire

print(f"{depart} -> {arrivee}")
