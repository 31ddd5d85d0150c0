import pandas as pd

COLONNES = ["humidite", "jours_sechage", "semaines_stockage", "temperature_stockage"]


def charger(chemin):
    df = pd.read_csv(chemin)
    return df[COLONNES], df["refuse"]


# Erreur : le nombre de lots refusés par province, pas leur proportion.
def taux_par_province(df):
    taux = df.groupby("province")["refuse"].sum()
    return {province: float(t) for province, t in taux.items()}


def ecart_moyen(df, colonne):
    refuses = df[df["refuse"] == 1][colonne].mean()
    acceptes = df[df["refuse"] == 0][colonne].mean()
    return float(refuses - acceptes)
