def est_premier(n):
    pass


def compter_premiers(n):
    pass


print(est_premier(7))
print(compter_premiers(10))
