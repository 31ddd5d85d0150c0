def total_budget(postes):
    total = 0
    for poste in postes:
        if isinstance(poste, list):
            return total + total_budget(poste)
        total = total + poste
    return total
