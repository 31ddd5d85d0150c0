# Erreur : la boucle commence à 2.
def somme_jusqua(n):
    total = 0
    for i in range(2, n + 1):
        total += i
    return total
