def villes_communes(classe_a, classe_b):
    return []
