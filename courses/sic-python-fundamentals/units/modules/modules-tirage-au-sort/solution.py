import random


def tirage(eleves, graine):
    random.seed(graine)
    ordre = eleves.copy()
    random.shuffle(ordre)
    return ordre
