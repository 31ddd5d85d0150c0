def tri_selection(temps):
    resultat = temps.copy()
    for i in range(len(resultat)):
        for j in range(i + 1, len(resultat)):
            if resultat[j] < resultat[i]:
                resultat[i] = resultat[j]
    return resultat
