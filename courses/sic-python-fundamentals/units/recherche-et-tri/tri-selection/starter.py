def tri_selection(temps):
    resultat = temps.copy()
    return resultat
