def recherche_binaire(numeros, numero):
    debut = 0
    fin = len(numeros) - 1
    while debut <= fin:
        milieu = (debut + fin) // 2
        if numeros[milieu] == numero:
            return milieu
        elif numeros[milieu] > numero:
            debut = milieu + 1
        else:
            fin = milieu - 1
    return -1
