def moyennes_admis(carnet):
    resultat = {}
    for nom, notes in carnet.items():
        moyenne = sum(notes) / len(notes)
        if moyenne >= 10:
            resultat[nom] = round(moyenne, 2)
    return resultat
