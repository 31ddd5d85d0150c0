def moyennes_admis(carnet):
    return {nom: round(sum(notes) / len(notes), 2) for nom, notes in carnet.items()}
