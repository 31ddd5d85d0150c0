prenom = input()
ville = input()
# Les virgules de print() ajoutent des espaces autour des parenthèses
print(prenom, "(", ville, ")")
