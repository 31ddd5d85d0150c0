def identifiant(prenom, nom):
    # Exemple : ("Youssef", "El Amrani") donne "y.elamrani"
    initiale = prenom.strip()[0].lower()
    nom_propre = nom.replace(" ", "").lower()
    return initiale + "." + nom_propre
