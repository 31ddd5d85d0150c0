def table_pythagore(n):
    grille = []
    for i in range(1, n + 1):
        ligne = []
        for j in range(1, n + 1):
            ligne.append(i * j)
        grille.append(ligne)
    return grille
