import pandas as pd
from sklearn.linear_model import LinearRegression, LogisticRegression


def r2_notes(df, colonnes):
    modele = LinearRegression().fit(df[colonnes], df["note_maths"])
    return float(modele.score(df[colonnes], df["note_maths"]))


# Erreur : predict donne la classe (0 ou 1), pas une probabilité.
def proba_admis(df, heures):
    modele = LogisticRegression().fit(df[["heures_revision"]], df["admis"])
    nouveau = pd.DataFrame({"heures_revision": [heures]})
    return float(modele.predict(nouveau)[0])
