def lettres_manquantes(phrase):
    return []
