def table_pythagore(n):
    grille = []
    return grille
