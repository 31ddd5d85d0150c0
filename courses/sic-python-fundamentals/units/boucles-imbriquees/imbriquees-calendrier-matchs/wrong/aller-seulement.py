def calendrier(equipes):
    matchs = []
    for i in range(len(equipes)):
        for j in range(i + 1, len(equipes)):
            matchs.append((equipes[i], equipes[j]))
    return matchs
