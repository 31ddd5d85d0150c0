def frais_livraison(montant, ville):
    # Teste la ville avant le montant : les grosses commandes à Casablanca paient 20 DH
    if ville == "Casablanca":
        return 20
    elif montant >= 300:
        return 0
    else:
        return 35
