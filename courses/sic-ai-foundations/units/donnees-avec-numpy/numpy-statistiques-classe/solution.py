import numpy as np


def moyenne_par_matiere(notes):
    return notes.mean(axis=0)


def meilleur_eleve(notes):
    return int(np.argmax(notes.mean(axis=1)))


def nombre_admis(notes, seuil):
    return int((notes.mean(axis=1) >= seuil).sum())
