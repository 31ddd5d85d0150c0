import pandas as pd

COLONNES = ["humidite", "jours_sechage", "semaines_stockage", "temperature_stockage"]


def charger(chemin):
    df = pd.read_csv(chemin)
    return df[COLONNES], df["refuse"]


def taux_par_province(df):
    taux = df.groupby("province")["refuse"].mean()
    return {province: float(t) for province, t in taux.items()}


# Erreur : compare les refusés à la moyenne de TOUS les lots, pas à celle des acceptés.
def ecart_moyen(df, colonne):
    return float(df[df["refuse"] == 1][colonne].mean() - df[colonne].mean())
