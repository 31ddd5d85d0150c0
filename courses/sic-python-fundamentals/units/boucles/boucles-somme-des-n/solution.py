def somme_jusqua(n):
    total = 0
    # Ajoutez à total les nombres de 1 à n avec une boucle for
    for i in range(1, n + 1):
        total += i
    return total
