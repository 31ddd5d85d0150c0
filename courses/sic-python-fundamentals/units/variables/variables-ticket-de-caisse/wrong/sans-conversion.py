article = input()
prix = input()
quantite = input()
# Oublie de convertir : multiplier deux textes provoque une erreur
total = prix * quantite
print(article)
print(f"{quantite} x {prix} DH = {total} DH")
