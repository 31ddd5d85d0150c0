import random


def tirage(eleves, graine):
    random.seed(graine)
    return random.shuffle(eleves.copy())
