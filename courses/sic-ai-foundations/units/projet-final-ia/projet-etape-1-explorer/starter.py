import pandas as pd

COLONNES = ["humidite", "jours_sechage", "semaines_stockage", "temperature_stockage"]


def charger(chemin):
    df = pd.read_csv(chemin)
    return None, None


def taux_par_province(df):
    return {}


def ecart_moyen(df, colonne):
    return 0.0
