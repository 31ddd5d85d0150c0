import pandas as pd
from sklearn.linear_model import LinearRegression, LogisticRegression


def r2_notes(df, colonnes):
    # régression linéaire de note_maths sur les colonnes demandées, puis son score (R²)
    return 0.0


def proba_admis(df, heures):
    # régression logistique de admis sur heures_revision, puis predict_proba pour un nouvel élève
    return 0.0
