import random


def tirage(eleves, graine):
    random.seed(graine)
    random.shuffle(eleves)
    return eleves
