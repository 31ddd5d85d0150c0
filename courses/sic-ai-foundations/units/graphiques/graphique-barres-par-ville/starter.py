import matplotlib.pyplot as plt
import pandas as pd


def barres_par_ville(df):
    fig, ax = plt.subplots()
    return ax
