prenom = input()
ville = input()
print(f"{prenom} ({ville})")
