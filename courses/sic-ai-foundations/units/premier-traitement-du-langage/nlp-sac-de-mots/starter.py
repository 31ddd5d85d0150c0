import re


def mots(texte):
    return []


def vocabulaire(textes):
    return []


def sac_de_mots(texte, vocab):
    return []
