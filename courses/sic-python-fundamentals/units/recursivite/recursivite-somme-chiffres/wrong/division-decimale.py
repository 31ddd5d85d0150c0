def somme_chiffres(n):
    if n < 10:
        return n
    return n % 10 + somme_chiffres(n / 10)
