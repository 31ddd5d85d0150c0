article = input("Article : ")
prix = float(input("Prix unitaire (DH) : "))
quantite = float(input("Quantité : "))
# Avec float(), le total s'affiche 45.0 au lieu de 45
total = prix * quantite
print(f"Article : {article}")
print(f"Quantité : {int(quantite)}")
print(f"Total : {total} DH")
