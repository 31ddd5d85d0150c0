def table_pythagore(n):
    ligne = []
    for j in range(1, n + 1):
        ligne.append(j)
    return [ligne] * n
