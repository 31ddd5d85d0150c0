def somme_chiffres(n):
    if n < 10:
        return 0
    return n % 10 + somme_chiffres(n // 10)
