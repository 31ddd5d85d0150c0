import re


def mots(texte):
    return re.findall(r"[a-zà-ÿ]+", texte.lower())


def vocabulaire(textes):
    connus = set()
    for texte in textes:
        connus.update(mots(texte))
    return sorted(connus)


def sac_de_mots(texte, vocab):
    liste = mots(texte)
    return [liste.count(mot) for mot in vocab]
