import matplotlib.pyplot as plt
import numpy as np


def nuage_et_droite(x, y):
    a, b = np.polyfit(x, y, 1)
    debut, fin = min(x), max(x)
    fig, ax = plt.subplots()
    # Erreur : relie les mesures par une ligne au lieu d'un nuage de points.
    ax.plot(x, y, label="(x, y)")
    ax.plot([debut, fin], [a * debut + b, a * fin + b], color="red", label="y = ax + b")
    ax.legend()
    return ax
