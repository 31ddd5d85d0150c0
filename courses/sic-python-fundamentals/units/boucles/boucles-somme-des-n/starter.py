def somme_jusqua(n):
    total = 0
    return total
