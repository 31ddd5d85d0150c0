import matplotlib.pyplot as plt
import pandas as pd


def barres_par_ville(df):
    # Erreur : une proportion entre 0 et 1, pas un pourcentage.
    taux = df.groupby("ville")["admis"].mean()
    fig, ax = plt.subplots()
    ax.bar(taux.index, taux.values)
    ax.set_title("Taux d'admis par ville")
    ax.set_ylabel("Admis (%)")
    return ax
