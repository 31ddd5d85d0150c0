import random


def tirage(eleves, graine):
    return eleves
