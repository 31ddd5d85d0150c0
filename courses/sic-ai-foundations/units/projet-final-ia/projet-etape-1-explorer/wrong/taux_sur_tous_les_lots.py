import pandas as pd

COLONNES = ["humidite", "jours_sechage", "semaines_stockage", "temperature_stockage"]


def charger(chemin):
    df = pd.read_csv(chemin)
    return df[COLONNES], df["refuse"]


# Erreur : divise les refus de chaque province par le nombre total de lots.
def taux_par_province(df):
    refus = df.groupby("province")["refuse"].sum()
    return {province: float(r / len(df)) for province, r in refus.items()}


def ecart_moyen(df, colonne):
    refuses = df[df["refuse"] == 1][colonne].mean()
    acceptes = df[df["refuse"] == 0][colonne].mean()
    return float(refuses - acceptes)
