def cle(equipe):
    return (-equipe.points, -equipe.difference(), -equipe.buts_pour, equipe.nom)


def classement(equipes):
    return [e.nom for e in sorted(equipes.values(), key=cle)]
