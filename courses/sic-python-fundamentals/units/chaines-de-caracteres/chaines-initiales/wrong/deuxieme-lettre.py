def initiales(prenom, nom):
    # Croit que le premier caractère a l'indice 1
    return prenom[1].upper() + "." + nom[1].upper() + "."
