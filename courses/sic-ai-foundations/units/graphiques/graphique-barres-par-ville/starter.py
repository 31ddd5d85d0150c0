import matplotlib.pyplot as plt
import pandas as pd


def barres_par_ville(df):
    fig, ax = plt.subplots()
    # taux d'admis (en %) de chaque ville, une barre par ville, un titre et un nom pour l'axe vertical
    return ax
