def nombre_heures(total_minutes):
    return 0


def minutes_restantes(total_minutes):
    return 0
