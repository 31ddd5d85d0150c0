def mois_necessaires(prix, economies, par_mois):
    mois = 0
    return mois
