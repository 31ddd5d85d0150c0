article = input("Article : ")
prix = input("Prix unitaire (DH) : ")
quantite = input("Quantité : ")
# Oublie de convertir : multiplier deux textes provoque une erreur
total = prix * quantite
print(f"Article : {article}")
print(f"Quantité : {quantite}")
print(f"Total : {total} DH")
