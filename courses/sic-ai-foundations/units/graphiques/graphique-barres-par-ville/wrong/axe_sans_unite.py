import matplotlib.pyplot as plt
import pandas as pd


def barres_par_ville(df):
    taux = df.groupby("ville")["admis"].mean() * 100
    fig, ax = plt.subplots()
    ax.bar(taux.index, taux.values)
    ax.set_title("Taux d'admis par ville")
    # Erreur : le nom de l'axe vertical ne dit pas que les hauteurs sont des pourcentages.
    ax.set_ylabel("Admis")
    return ax
