import pandas as pd


def meilleurs(df, ville, n):
    eleves = df.loc[df["ville"] == ville, ["prenom", "note_maths"]]
    rangs = sorted(zip(eleves["note_maths"], eleves["prenom"]), key=lambda e: (-e[0], e[1]))
    return [prenom for _, prenom in rangs[:n]]


def nombre_en_difficulte(df, seuil):
    total = 0
    for maths, physique in zip(df["note_maths"], df["note_physique"]):
        if (maths + physique) / 2 < seuil:
            total += 1
    return total
