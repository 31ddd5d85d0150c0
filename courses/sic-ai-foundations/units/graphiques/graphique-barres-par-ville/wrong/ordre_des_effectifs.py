import matplotlib.pyplot as plt
import pandas as pd


def barres_par_ville(df):
    # Erreur : les villes dans l'ordre de value_counts (effectifs), pas alphabétique.
    ordre = df["ville"].value_counts().index
    taux = (df.groupby("ville")["admis"].mean() * 100)[ordre]
    fig, ax = plt.subplots()
    ax.bar(taux.index, taux.values)
    ax.set_title("Taux d'admis par ville")
    ax.set_ylabel("Admis (%)")
    return ax
