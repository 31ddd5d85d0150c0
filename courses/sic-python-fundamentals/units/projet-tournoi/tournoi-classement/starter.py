def classement(equipes):
    return list(equipes)
