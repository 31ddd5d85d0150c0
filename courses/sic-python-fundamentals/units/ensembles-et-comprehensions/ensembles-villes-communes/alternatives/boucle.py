def villes_communes(classe_a, classe_b):
    communes = []
    for ville in classe_a:
        if ville in classe_b and ville not in communes:
            communes.append(ville)
    communes.sort()
    return communes
