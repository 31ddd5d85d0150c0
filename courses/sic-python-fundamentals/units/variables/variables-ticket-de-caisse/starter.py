article = input()
prix = input()
quantite = input()
