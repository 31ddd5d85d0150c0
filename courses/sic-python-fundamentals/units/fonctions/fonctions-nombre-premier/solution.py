def est_premier(n):
    if n < 2:
        return False
    for d in range(2, n):
        if n % d == 0:
            return False
    return True


def compter_premiers(n):
    compteur = 0
    for k in range(2, n + 1):
        if est_premier(k):
            compteur = compteur + 1
    return compteur


print(est_premier(7))
print(compter_premiers(10))
