prenom = input("Prénom : ")
# Lisez la ville de la même manière, puis affichez le message demandé
print("Bonjour !")
