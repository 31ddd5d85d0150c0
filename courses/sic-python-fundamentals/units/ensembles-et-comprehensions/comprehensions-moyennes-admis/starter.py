def moyennes_admis(carnet):
    return {}
