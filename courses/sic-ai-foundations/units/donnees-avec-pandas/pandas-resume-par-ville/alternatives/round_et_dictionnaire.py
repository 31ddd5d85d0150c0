import pandas as pd


def moyennes_par_ville(df, colonne):
    return df.groupby("ville")[colonne].mean().round(2).to_dict()


def ville_du_meilleur_taux(df, minimum):
    meilleure, meilleur_taux = None, -1
    for ville, groupe in df.groupby("ville"):
        if len(groupe) >= minimum and groupe["admis"].mean() > meilleur_taux:
            meilleure, meilleur_taux = ville, groupe["admis"].mean()
    return meilleure
