def masquer(numero):
    # Suppose que tous les numéros ont 10 chiffres
    return "******" + numero[6:]
