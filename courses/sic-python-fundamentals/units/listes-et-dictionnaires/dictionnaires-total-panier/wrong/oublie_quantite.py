# Erreur : additionne les prix unitaires sans tenir compte des quantités.
def total_panier(panier, prix):
    total = 0
    for article in panier:
        if article in prix:
            total = total + prix[article]
    return round(total, 2)
