depart = input()
arrivee = input()
print(f"{depart} -> {arrivee}")

# depart <-> arrivee


print(f"{depart} -> {arrivee}")
