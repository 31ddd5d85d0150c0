import pandas as pd


def moyennes_par_ville(df, colonne):
    moyennes = df.groupby("ville")[colonne].mean()
    return {ville: round(float(m), 2) for ville, m in moyennes.items()}


# Erreur : le minimum d'élèves est ignoré, une petite ville peut gagner par hasard.
def ville_du_meilleur_taux(df, minimum):
    return str(df.groupby("ville")["admis"].mean().idxmax())
