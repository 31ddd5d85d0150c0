def prix_ttc(prix_ht):
    return 0
