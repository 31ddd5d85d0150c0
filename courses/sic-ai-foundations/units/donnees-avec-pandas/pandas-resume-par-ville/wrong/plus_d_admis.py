import pandas as pd


def moyennes_par_ville(df, colonne):
    moyennes = df.groupby("ville")[colonne].mean()
    return {ville: round(float(m), 2) for ville, m in moyennes.items()}


# Erreur : la ville qui a le plus d'admis, pas le meilleur taux d'admis.
def ville_du_meilleur_taux(df, minimum):
    groupes = df.groupby("ville")["admis"].agg(["count", "sum"])
    groupes = groupes[groupes["count"] >= minimum]
    return str(groupes["sum"].idxmax())
