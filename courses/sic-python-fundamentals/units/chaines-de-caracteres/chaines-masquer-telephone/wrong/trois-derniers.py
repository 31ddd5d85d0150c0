def masquer(numero):
    # Décalage d'un caractère : ne garde que les 3 derniers chiffres
    return "*" * (len(numero) - 4) + numero[-3:]
