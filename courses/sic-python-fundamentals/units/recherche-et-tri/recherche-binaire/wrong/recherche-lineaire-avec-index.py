# Parcourt toute la liste avec « in » puis « index » : une recherche linéaire, pas dichotomique
def recherche_binaire(numeros, numero):
    if numero in numeros:
        return numeros.index(numero)
    return -1
