def calendrier(equipes):
    matchs = []
    for domicile in equipes:
        for exterieur in equipes:
            matchs.append((domicile, exterieur))
    return matchs
