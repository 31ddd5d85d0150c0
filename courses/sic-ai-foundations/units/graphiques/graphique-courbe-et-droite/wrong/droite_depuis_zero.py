import matplotlib.pyplot as plt
import numpy as np


def nuage_et_droite(x, y):
    a, b = np.polyfit(x, y, 1)
    # Erreur : la droite part de 0, pas du plus petit x.
    debut, fin = 0, max(x)
    fig, ax = plt.subplots()
    ax.scatter(x, y, label="(x, y)")
    ax.plot([debut, fin], [a * debut + b, a * fin + b], color="red", label="y = ax + b")
    ax.legend()
    return ax
