def total_budget(postes):
    total = 0
    for poste in postes:
        if isinstance(poste, list):
            total = total + sum(poste)
        else:
            total = total + poste
    return total
