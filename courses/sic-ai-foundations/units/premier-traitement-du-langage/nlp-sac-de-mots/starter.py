import re


def mots(texte):
    # minuscules, puis les suites de lettres : re.findall(r"[a-zà-ÿ]+", ...)
    return []


def vocabulaire(textes):
    # tous les mots différents de tous les textes, triés
    return []


def sac_de_mots(texte, vocab):
    # pour chaque mot du vocabulaire, son nombre d'apparitions dans le texte
    return []
