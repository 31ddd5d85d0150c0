article = input("Article : ")
prix = input("Prix unitaire (DH) : ")
quantite = input("Quantité : ")
# Convertissez le prix et la quantité, calculez le total et affichez le ticket
