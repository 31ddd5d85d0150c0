def calendrier(equipes):
    matchs = []
    return matchs
