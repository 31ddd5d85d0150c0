import matplotlib.pyplot as plt
import pandas as pd


def barres_par_ville(df):
    # Erreur : le nombre d'admis, pas le taux.
    taux = df.groupby("ville")["admis"].sum()
    fig, ax = plt.subplots()
    ax.bar(taux.index, taux.values)
    ax.set_title("Taux d'admis par ville")
    ax.set_ylabel("Admis (%)")
    return ax
