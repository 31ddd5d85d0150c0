def mois_necessaires(prix, economies, par_mois):
    mois = 0
    # Écrivez ici une boucle while
    return mois
