def masquer(numero):
    # Gardez les 4 derniers chiffres, remplacez les autres par des étoiles
    return numero
