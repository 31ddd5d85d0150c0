def mois_necessaires(prix, economies, par_mois):
    mois = 0
    # Avec <=, un mois de trop quand l'objectif est atteint exactement
    while economies <= prix:
        economies += par_mois
        mois += 1
    return mois
