def cle(equipe):
    return (-equipe.points, -equipe.buts_pour, -equipe.difference(), equipe.nom)


def classement(equipes):
    return [e.nom for e in sorted(equipes.values(), key=cle)]
