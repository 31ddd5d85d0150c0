def calendrier(equipes):
    matchs = []
    for domicile in equipes:
        for exterieur in equipes:
            if domicile != exterieur:
                matchs.append((domicile, exterieur))
    return matchs
