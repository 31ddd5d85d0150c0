import matplotlib.pyplot as plt
import numpy as np


def nuage_et_droite(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    a = np.mean((x - x.mean()) * (y - y.mean())) / np.mean((x - x.mean()) ** 2)
    b = y.mean() - a * x.mean()
    bornes = np.array([x.min(), x.max()])
    fig, ax = plt.subplots()
    ax.scatter(x, y, label="(x, y)")
    ax.plot(bornes, a * bornes + b, "r-", label="y = ax + b")
    ax.legend()
    return ax
