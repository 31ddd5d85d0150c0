def prix_ttc(prix_ht):
    # Calcule seulement le montant de la TVA, sans le prix HT
    return prix_ht * 0.2
