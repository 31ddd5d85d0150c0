# Juste : sum sur range fait la boucle pour nous.
def somme_jusqua(n):
    return sum(range(1, n + 1))
