def somme_chiffres(n):
    if n < 10:
        return n
    return somme_chiffres(n // 10)
