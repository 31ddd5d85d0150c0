def est_bissextile(annee):
    return False
