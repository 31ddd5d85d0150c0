def masquer(numero):
    # Gardez les 4 derniers chiffres, remplacez les autres par des étoiles
    return "*" * (len(numero) - 4) + numero[-4:]
