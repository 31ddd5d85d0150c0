import numpy as np


def moyenne_par_matiere(notes):
    # Une moyenne par colonne : quel axe faut-il écraser ?
    return None


def meilleur_eleve(notes):
    # Calculer la moyenne de chaque élève, puis l'indice du maximum.
    return None


def nombre_admis(notes, seuil):
    # Un masque sur les moyennes des élèves, puis compter les True.
    return None
