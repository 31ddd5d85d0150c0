def est_premier(n):
    # Renvoyez True si n est premier, False sinon.
    pass


def compter_premiers(n):
    # Comptez les nombres premiers de 2 à n en appelant est_premier.
    pass


print(est_premier(7))
print(compter_premiers(10))
