# Juste : la formule de Gauss, avec la division entière.
def somme_jusqua(n):
    return n * (n + 1) // 2
