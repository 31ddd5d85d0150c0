# Erreur : le return True est dans la boucle ; la fonction s'arrête après le premier diviseur testé.
def est_premier(n):
    if n < 2:
        return False
    for d in range(2, n):
        if n % d == 0:
            return False
        else:
            return True
    return True


def compter_premiers(n):
    compteur = 0
    for k in range(2, n + 1):
        if est_premier(k):
            compteur = compteur + 1
    return compteur
