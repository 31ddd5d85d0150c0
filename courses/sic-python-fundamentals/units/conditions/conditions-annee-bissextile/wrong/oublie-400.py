def est_bissextile(annee):
    # Oublie que les années divisibles par 400 sont bissextiles
    return annee % 4 == 0 and annee % 100 != 0
