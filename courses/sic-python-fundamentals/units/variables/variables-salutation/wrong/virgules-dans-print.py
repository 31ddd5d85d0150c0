prenom = input("Prénom : ")
ville = input("Ville : ")
# Les virgules de print() ajoutent une espace avant la virgule du message
print("Bonjour", prenom, ", bienvenue à", ville, "!")
