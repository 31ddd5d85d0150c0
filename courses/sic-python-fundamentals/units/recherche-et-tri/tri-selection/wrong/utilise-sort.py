def tri_selection(temps):
    resultat = temps.copy()
    resultat.sort()
    return resultat
