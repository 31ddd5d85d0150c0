def prix_ttc(prix_ht):
    # Calculez le prix TTC (TVA de 20 %)
    return 0
