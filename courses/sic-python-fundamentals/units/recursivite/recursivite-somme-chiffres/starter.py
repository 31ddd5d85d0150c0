def somme_chiffres(n):
    return n
