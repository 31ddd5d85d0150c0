def frais_livraison(montant, ville):
    # Oublie que "au moins 300" inclut 300
    if montant > 300:
        return 0
    elif ville == "Casablanca":
        return 20
    else:
        return 35
