def prix_ttc(prix_ht):
    # Ajoute 20 DH au lieu de 20 %
    return prix_ht + 20
