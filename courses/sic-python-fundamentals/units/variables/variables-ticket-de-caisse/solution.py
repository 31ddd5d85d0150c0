article = input("Article : ")
prix = int(input("Prix unitaire (DH) : "))
quantite = int(input("Quantité : "))
total = prix * quantite
print(f"Article : {article}")
print(f"Quantité : {quantite}")
print(f"Total : {total} DH")
