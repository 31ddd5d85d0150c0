import re
from collections import Counter


def mots(texte):
    return re.findall("[a-zà-ÿ]+", texte.lower())


def vocabulaire(textes):
    return sorted({mot for texte in textes for mot in mots(texte)})


def sac_de_mots(texte, vocab):
    comptes = Counter(mots(texte))
    return [comptes[mot] for mot in vocab]
