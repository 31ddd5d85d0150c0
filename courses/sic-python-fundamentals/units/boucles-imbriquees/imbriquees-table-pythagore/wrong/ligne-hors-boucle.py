def table_pythagore(n):
    grille = []
    ligne = []
    for i in range(1, n + 1):
        for j in range(1, n + 1):
            ligne.append(i * j)
        grille.append(ligne)
    return grille
