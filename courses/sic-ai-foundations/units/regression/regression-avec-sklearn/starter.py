import pandas as pd
from sklearn.linear_model import LinearRegression, LogisticRegression


def r2_notes(df, colonnes):
    return 0.0


def proba_admis(df, heures):
    return 0.0
