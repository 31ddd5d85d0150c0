import random


def tirage(eleves, graine):
    ordre = eleves.copy()
    random.shuffle(ordre)
    return ordre
