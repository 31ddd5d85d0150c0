# Erreur : ne vérifie pas que l'article a un prix (KeyError pour un article inconnu).
def total_panier(panier, prix):
    total = 0
    for article, quantite in panier.items():
        total = total + quantite * prix[article]
    return round(total, 2)
