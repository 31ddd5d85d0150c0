import matplotlib.pyplot as plt
import numpy as np


def nuage_et_droite(x, y):
    fig, ax = plt.subplots()
    # 1. le nuage de points (label "mesures")
    # 2. la droite des moindres carrés, du plus petit au plus grand x (label "droite")
    # 3. la légende
    return ax
