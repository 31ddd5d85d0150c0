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
    # Erreur : 1 si le mot est présent, au lieu du nombre d'apparitions.
    return [int(mot in liste) for mot in vocab]
