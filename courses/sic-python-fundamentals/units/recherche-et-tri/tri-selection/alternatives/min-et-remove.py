def tri_selection(temps):
    reste = list(temps)
    resultat = []
    while reste:
        plus_petit = min(reste)
        reste.remove(plus_petit)
        resultat.append(plus_petit)
    return resultat
