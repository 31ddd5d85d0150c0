import pandas as pd


# Erreur : X garde toutes les colonnes, y compris l'étiquette « refuse » (et le numéro du lot).
def charger(chemin):
    df = pd.read_csv(chemin)
    return df.drop(columns=["province"]), df["refuse"]


def taux_par_province(df):
    taux = df.groupby("province")["refuse"].mean()
    return {province: float(t) for province, t in taux.items()}


def ecart_moyen(df, colonne):
    refuses = df[df["refuse"] == 1][colonne].mean()
    acceptes = df[df["refuse"] == 0][colonne].mean()
    return float(refuses - acceptes)
