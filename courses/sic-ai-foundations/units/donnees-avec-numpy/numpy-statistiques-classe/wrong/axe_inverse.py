import numpy as np


# Erreur : axis=1 donne la moyenne de chaque élève, pas de chaque matière.
def moyenne_par_matiere(notes):
    return notes.mean(axis=1)


def meilleur_eleve(notes):
    return int(np.argmax(notes.mean(axis=1)))


def nombre_admis(notes, seuil):
    return int((notes.mean(axis=1) >= seuil).sum())
