def prix_ttc(prix_ht):
    # Calculez le prix TTC (TVA de 20 %)
    return prix_ht * 1.2
