def total_budget(postes):
    total = 0
    for poste in postes:
        if isinstance(poste, list):
            total = total + total_budget(poste)
        else:
            total = total + poste
    return total
