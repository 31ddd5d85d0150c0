def tri_selection(temps):
    return sorted(temps)
