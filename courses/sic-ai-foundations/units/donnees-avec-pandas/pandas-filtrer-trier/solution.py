import pandas as pd


def meilleurs(df, ville, n):
    eleves = df[df["ville"] == ville]
    eleves = eleves.sort_values(["note_maths", "prenom"], ascending=[False, True])
    return eleves["prenom"].head(n).tolist()


def nombre_en_difficulte(df, seuil):
    moyenne = (df["note_maths"] + df["note_physique"]) / 2
    return int((moyenne < seuil).sum())
