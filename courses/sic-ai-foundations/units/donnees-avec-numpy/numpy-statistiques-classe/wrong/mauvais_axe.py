# Erreur : la moyenne de chaque élève est prise sur le mauvais axe (par matière).
import numpy as np


def moyenne_par_matiere(notes):
    return notes.mean(axis=0)


def meilleur_eleve(notes):
    return int(np.argmax(notes.mean(axis=0)))


def nombre_admis(notes, seuil):
    return int((notes.mean(axis=0) >= seuil).sum())
