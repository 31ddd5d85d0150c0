def classement(equipes):
    liste = sorted(equipes.values(), key=lambda e: e.nom)
    liste.sort(key=lambda e: e.buts_pour, reverse=True)
    liste.sort(key=lambda e: e.difference(), reverse=True)
    liste.sort(key=lambda e: e.points, reverse=True)
    return [e.nom for e in liste]
