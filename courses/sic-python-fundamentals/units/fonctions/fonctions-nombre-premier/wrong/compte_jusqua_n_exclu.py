# Erreur : range(2, n) s'arrête avant n, le nombre n lui-même n'est jamais compté.
def est_premier(n):
    if n < 2:
        return False
    for d in range(2, n):
        if n % d == 0:
            return False
    return True


def compter_premiers(n):
    compteur = 0
    for k in range(2, n):
        if est_premier(k):
            compteur = compteur + 1
    return compteur
