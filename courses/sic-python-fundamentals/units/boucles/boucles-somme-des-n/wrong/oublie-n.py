def somme_jusqua(n):
    total = 0
    # range(1, n) s'arrête à n - 1 : le dernier nombre est oublié
    for i in range(1, n):
        total += i
    return total
