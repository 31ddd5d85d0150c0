# Parcourt la liste du début à la fin avec enumerate : une recherche linéaire, pas dichotomique
def recherche_binaire(numeros, numero):
    for position, valeur in enumerate(numeros):
        if valeur == numero:
            return position
    return -1
