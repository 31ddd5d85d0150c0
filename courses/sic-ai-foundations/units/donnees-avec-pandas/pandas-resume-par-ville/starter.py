import pandas as pd


def moyennes_par_ville(df, colonne):
    return {}


def ville_du_meilleur_taux(df, minimum):
    return ""
