def moyennes_admis(carnet):
    return {nom: round(sum(notes) / 2, 2) for nom, notes in carnet.items() if sum(notes) / 2 >= 10}
