def moyennes_admis(carnet):
    return {nom: sum(notes) / len(notes) for nom, notes in carnet.items() if sum(notes) / len(notes) >= 10}
