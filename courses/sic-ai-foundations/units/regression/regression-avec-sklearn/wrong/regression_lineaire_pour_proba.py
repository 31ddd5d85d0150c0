import pandas as pd
from sklearn.linear_model import LinearRegression


def r2_notes(df, colonnes):
    modele = LinearRegression().fit(df[colonnes], df["note_maths"])
    return float(modele.score(df[colonnes], df["note_maths"]))


# Erreur : une droite sur des 0 et des 1 n'est pas une probabilité (elle sort de [0, 1]).
def proba_admis(df, heures):
    modele = LinearRegression().fit(df[["heures_revision"]], df["admis"])
    nouveau = pd.DataFrame({"heures_revision": [heures]})
    return float(modele.predict(nouveau)[0])
