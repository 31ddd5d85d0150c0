def frais_livraison(montant, ville):
    # Renvoyez 0, 20 ou 35
    if montant >= 300:
        return 0
    elif ville == "Casablanca":
        return 20
    else:
        return 35
