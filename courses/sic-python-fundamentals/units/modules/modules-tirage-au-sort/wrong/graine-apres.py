import random


def tirage(eleves, graine):
    ordre = eleves.copy()
    random.shuffle(ordre)
    random.seed(graine)
    return ordre
