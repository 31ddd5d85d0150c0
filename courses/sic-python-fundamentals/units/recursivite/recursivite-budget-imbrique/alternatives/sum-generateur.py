def total_budget(postes):
    return sum(total_budget(p) if isinstance(p, list) else p for p in postes)
