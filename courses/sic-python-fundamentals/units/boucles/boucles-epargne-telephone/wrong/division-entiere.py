def mois_necessaires(prix, economies, par_mois):
    # Oublie le dernier mois incomplet (et les économies déjà suffisantes)
    mois = (prix - economies) // par_mois
    return mois
