def est_bissextile(annee):
    # Renvoyez True si l'année est bissextile, False sinon
    return False
