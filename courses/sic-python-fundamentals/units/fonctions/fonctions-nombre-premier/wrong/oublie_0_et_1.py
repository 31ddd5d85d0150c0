# Erreur : les cas 0 et 1 ne sont pas traités, ils sont considérés comme premiers.
def est_premier(n):
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
