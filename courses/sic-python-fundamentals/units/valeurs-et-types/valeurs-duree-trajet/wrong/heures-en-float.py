def nombre_heures(total_minutes):
    # Retire d'abord les minutes en trop, mais divise avec / : donne 12.0 au lieu de 12
    return (total_minutes - total_minutes % 60) / 60


def minutes_restantes(total_minutes):
    return total_minutes - nombre_heures(total_minutes) * 60
