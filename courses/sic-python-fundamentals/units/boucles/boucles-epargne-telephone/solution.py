def mois_necessaires(prix, economies, par_mois):
    mois = 0
    # Écrivez ici une boucle while
    while economies < prix:
        economies += par_mois
        mois += 1
    return mois
