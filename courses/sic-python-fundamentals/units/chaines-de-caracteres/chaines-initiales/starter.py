def initiales(prenom, nom):
    return ""
