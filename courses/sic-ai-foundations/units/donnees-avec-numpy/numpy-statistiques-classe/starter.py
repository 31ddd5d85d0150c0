import numpy as np


def moyenne_par_matiere(notes):
    return None


def meilleur_eleve(notes):
    return None


def nombre_admis(notes, seuil):
    return None
