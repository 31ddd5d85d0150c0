import matplotlib.pyplot as plt
import numpy as np


def nuage_et_droite(x, y):
    fig, ax = plt.subplots()
    return ax
