def initiales(prenom, nom):
    # Renvoyez par exemple "A.B." pour ("Amina", "Bennani")
    return ""
