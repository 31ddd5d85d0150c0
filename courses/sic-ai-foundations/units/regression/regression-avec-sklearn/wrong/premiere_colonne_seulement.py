import pandas as pd
from sklearn.linear_model import LinearRegression, LogisticRegression


# Erreur : n'utilise que la première des colonnes demandées.
def r2_notes(df, colonnes):
    X = df[[colonnes[0]]]
    modele = LinearRegression().fit(X, df["note_maths"])
    return float(modele.score(X, df["note_maths"]))


def proba_admis(df, heures):
    modele = LogisticRegression().fit(df[["heures_revision"]], df["admis"])
    nouveau = pd.DataFrame({"heures_revision": [heures]})
    return float(modele.predict_proba(nouveau)[0, 1])
