ville = input("Ville : ")
prenom = input("Prénom : ")
print(f"Bonjour {prenom}, bienvenue à {ville} !")
