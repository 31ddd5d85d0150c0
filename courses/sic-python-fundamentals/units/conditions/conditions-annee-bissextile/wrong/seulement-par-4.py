def est_bissextile(annee):
    # Oublie les exceptions des siècles
    if annee % 4 == 0:
        return True
    else:
        return False
