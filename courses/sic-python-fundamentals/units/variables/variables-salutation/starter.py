prenom = input()
print(prenom)
