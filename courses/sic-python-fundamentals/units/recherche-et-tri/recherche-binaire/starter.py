def recherche_binaire(numeros, numero):
    debut = 0
    fin = len(numeros) - 1
    return -1
