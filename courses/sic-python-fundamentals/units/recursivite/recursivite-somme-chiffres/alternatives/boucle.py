def somme_chiffres(n):
    somme = 0
    while n > 0:
        somme = somme + n % 10
        n = n // 10
    return somme
