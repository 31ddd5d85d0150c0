def identifiant(prenom, nom):
    # Exemple : ("Youssef", "El Amrani") donne "y.elamrani"
    return ""
