article = input()
prix = int(input())
quantite = int(input())
total = prix * quantite
print(article)
print(f"{quantite} x {prix} DH = {total} DH")
