def recherche_binaire(numeros, numero):
    debut, fin = 0, len(numeros)
    while debut < fin:
        milieu = (debut + fin) // 2
        if numeros[milieu] < numero:
            debut = milieu + 1
        else:
            fin = milieu
    if debut < len(numeros) and numeros[debut] == numero:
        return debut
    return -1
