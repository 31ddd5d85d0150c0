# Erreur : la majoration de nuit n'est appliquée qu'au prix des kilomètres, pas à la prise en charge.
def prix_course(distance, nuit=False):
    prix_km = distance * 3.5
    if nuit:
        prix_km = prix_km * 1.5
    return round(7.5 + prix_km, 2)
