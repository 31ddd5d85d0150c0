def nombre_heures(total_minutes):
    # Utilise / au lieu de // : donne 12.416666666666666
    return total_minutes / 60


def minutes_restantes(total_minutes):
    return total_minutes % 60
