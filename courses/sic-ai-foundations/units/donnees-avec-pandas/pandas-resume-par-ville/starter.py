import pandas as pd


def moyennes_par_ville(df, colonne):
    # groupby sur la ville, moyenne de la colonne, puis un dictionnaire {ville: moyenne arrondie}
    return {}


def ville_du_meilleur_taux(df, minimum):
    # nombre d'élèves et taux d'admis de chaque ville, en gardant les villes assez grandes
    return ""
