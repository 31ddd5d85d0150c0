def lettres_manquantes(phrase):
    alphabet = set("abcdefghijklmnopqrstuvwxyz")
    return sorted(set(phrase.lower()) - alphabet)
