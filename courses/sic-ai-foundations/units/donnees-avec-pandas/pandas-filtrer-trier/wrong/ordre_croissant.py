import pandas as pd


# Erreur : tri croissant, ce sont les plus faibles notes qui sortent.
def meilleurs(df, ville, n):
    eleves = df[df["ville"] == ville]
    eleves = eleves.sort_values(["note_maths", "prenom"])
    return eleves["prenom"].head(n).tolist()


def nombre_en_difficulte(df, seuil):
    moyenne = (df["note_maths"] + df["note_physique"]) / 2
    return int((moyenne < seuil).sum())
