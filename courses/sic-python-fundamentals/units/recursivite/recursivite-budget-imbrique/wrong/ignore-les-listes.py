def total_budget(postes):
    total = 0
    for poste in postes:
        if not isinstance(poste, list):
            total = total + poste
    return total
