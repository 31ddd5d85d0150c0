def initiales(prenom, nom):
    # Renvoyez par exemple "A.B." pour ("Amina", "Bennani")
    return prenom[0].upper() + "." + nom[0].upper() + "."
