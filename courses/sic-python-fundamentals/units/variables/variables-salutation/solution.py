prenom = input("Prénom : ")
ville = input("Ville : ")
print(f"Bonjour {prenom}, bienvenue à {ville} !")
