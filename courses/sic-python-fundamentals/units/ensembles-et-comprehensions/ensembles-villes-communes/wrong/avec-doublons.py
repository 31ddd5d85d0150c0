def villes_communes(classe_a, classe_b):
    return sorted([ville for ville in classe_a if ville in classe_b])
