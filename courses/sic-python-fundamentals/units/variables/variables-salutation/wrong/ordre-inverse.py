ville = input()
prenom = input()
print(f"{prenom} ({ville})")
