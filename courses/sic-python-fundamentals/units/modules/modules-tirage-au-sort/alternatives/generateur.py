import random


def tirage(eleves, graine):
    generateur = random.Random(graine)
    ordre = list(eleves)
    generateur.shuffle(ordre)
    return ordre
