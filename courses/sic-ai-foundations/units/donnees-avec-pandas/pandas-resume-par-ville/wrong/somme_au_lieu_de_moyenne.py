import pandas as pd


# Erreur : la somme des notes de chaque ville, pas leur moyenne.
def moyennes_par_ville(df, colonne):
    sommes = df.groupby("ville")[colonne].sum()
    return {ville: round(float(s), 2) for ville, s in sommes.items()}


def ville_du_meilleur_taux(df, minimum):
    groupes = df.groupby("ville")["admis"].agg(["count", "mean"])
    groupes = groupes[groupes["count"] >= minimum]
    return str(groupes["mean"].idxmax())
