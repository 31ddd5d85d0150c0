import matplotlib.pyplot as plt
import pandas as pd


def barres_par_ville(df):
    taux = df.groupby("ville")["admis"].mean() * 100
    fig, ax = plt.subplots()
    ax.bar(taux.index, taux.values)
    # Erreur : le titre est oublié.
    ax.set_ylabel("Admis (%)")
    return ax
