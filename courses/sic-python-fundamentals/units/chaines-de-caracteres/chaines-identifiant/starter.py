def identifiant(prenom, nom):
    return ""
