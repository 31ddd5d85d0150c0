def nombre_heures(total_minutes):
    # Nombre d'heures complètes
    return total_minutes // 60


def minutes_restantes(total_minutes):
    # Minutes qui restent après les heures complètes
    return total_minutes % 60
