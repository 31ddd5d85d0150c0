def identifiant(prenom, nom):
    # Enlève seulement les espaces autour du nom, pas ceux du milieu
    initiale = prenom.strip()[0].lower()
    nom_propre = nom.strip().lower()
    return initiale + "." + nom_propre
