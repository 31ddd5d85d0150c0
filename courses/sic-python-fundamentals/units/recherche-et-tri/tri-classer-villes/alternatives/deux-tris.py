def classer_villes(villes):
    par_nom = sorted(villes)
    par_population = sorted(par_nom, key=lambda v: v[1], reverse=True)
    return [v[0] for v in par_population]
