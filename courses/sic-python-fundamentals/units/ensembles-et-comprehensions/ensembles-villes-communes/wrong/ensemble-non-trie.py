def villes_communes(classe_a, classe_b):
    return set(classe_a) & set(classe_b)
