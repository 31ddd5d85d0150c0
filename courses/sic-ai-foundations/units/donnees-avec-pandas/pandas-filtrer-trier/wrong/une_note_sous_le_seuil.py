import pandas as pd


def meilleurs(df, ville, n):
    eleves = df[df["ville"] == ville]
    eleves = eleves.sort_values(["note_maths", "prenom"], ascending=[False, True])
    return eleves["prenom"].head(n).tolist()


# Erreur : compte les élèves qui ont UNE note sous le seuil, pas la moyenne.
def nombre_en_difficulte(df, seuil):
    return int(((df["note_maths"] < seuil) | (df["note_physique"] < seuil)).sum())
