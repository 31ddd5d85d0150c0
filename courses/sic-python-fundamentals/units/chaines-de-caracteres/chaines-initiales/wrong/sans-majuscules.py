def initiales(prenom, nom):
    # Oublie de mettre les initiales en majuscules
    return prenom[0] + "." + nom[0] + "."
