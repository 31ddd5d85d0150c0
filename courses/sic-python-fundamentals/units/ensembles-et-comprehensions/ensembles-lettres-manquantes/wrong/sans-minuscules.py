def lettres_manquantes(phrase):
    alphabet = set("abcdefghijklmnopqrstuvwxyz")
    return sorted(alphabet - set(phrase))
