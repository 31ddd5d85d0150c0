article = input()
prix = float(input())
quantite = float(input())
# Avec float(), le ticket affiche 3.0 x 15.0 DH = 45.0 DH
total = prix * quantite
print(article)
print(f"{quantite} x {prix} DH = {total} DH")
