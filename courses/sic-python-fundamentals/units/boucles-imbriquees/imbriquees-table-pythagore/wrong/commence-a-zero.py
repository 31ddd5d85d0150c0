def table_pythagore(n):
    grille = []
    for i in range(n):
        ligne = []
        for j in range(n):
            ligne.append(i * j)
        grille.append(ligne)
    return grille
