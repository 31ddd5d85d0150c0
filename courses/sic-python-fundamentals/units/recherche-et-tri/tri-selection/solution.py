def tri_selection(temps):
    resultat = temps.copy()
    for i in range(len(resultat)):
        plus_petit = i
        for j in range(i + 1, len(resultat)):
            if resultat[j] < resultat[plus_petit]:
                plus_petit = j
        resultat[i], resultat[plus_petit] = resultat[plus_petit], resultat[i]
    return resultat
