def frais_livraison(montant, ville):
    return -1
