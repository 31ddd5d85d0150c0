def frais_livraison(montant, ville):
    # Renvoyez 0, 20 ou 35
    return -1
